-- A post whose media_publish answer was lost is PUBLISHED as soon as Meta confirms the container, even
-- when Meta's Story list cannot tell which Story it became: its story_id is then unknown (null), never
-- the container id. The original check was created unnamed, so it is found by its definition.
do $$
declare
    name text;
begin
    select conname into name from pg_constraint
    where conrelid = 'publications'::regclass and contype = 'c'
      and pg_get_constraintdef(oid) like '%story_id IS NOT NULL%';
    if name is not null then
        execute format('alter table publications drop constraint %I', name);
    end if;
end $$;
