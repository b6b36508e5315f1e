-- Reserve attempts older than drops.checkout.attempts-retention are deleted by second.
create index reserve_attempts_by_second on reserve_attempts (second);
