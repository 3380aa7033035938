-- The 🤖 Auto post button. auto_post: the message offers it (a post routed to Telegram from the start,
-- without stickers to add). HANDED_BACK: a person gave the post back to the API; if the API fails on
-- it again, the fallback reopens the row and the team gets a fresh message.
alter table manual_posts drop constraint manual_posts_status_check;
alter table manual_posts add constraint manual_posts_status_check
    check (status in ('SENDING', 'SENT', 'RESOLVED', 'FAILED', 'HANDED_BACK'));
alter table manual_posts add column auto_post boolean not null default false;
