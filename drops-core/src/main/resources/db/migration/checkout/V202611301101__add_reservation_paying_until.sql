-- A hold is judged when the fan presses Pay: while a payment begun before it expired is in
-- flight (paying counts the attempts) it is not released, for at most paying_until (a few
-- minutes after the last attempt began, should a node go away mid-payment).
alter table reservations add column paying integer not null default 0 check (paying >= 0);
alter table reservations add column paying_until timestamptz;
