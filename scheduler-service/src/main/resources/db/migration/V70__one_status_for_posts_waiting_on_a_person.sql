-- A post waiting on a person is MANUAL_PENDING however it got there: routed to Telegram by the dispatcher
-- (which used to leave it DISPATCHED with route MANUAL) or fallen back from the API.
update slots set status = 'MANUAL_PENDING' where status = 'DISPATCHED' and route = 'MANUAL';
