-- A hold whose payment began before it expired is not released until the payment is
-- through (or this moment has passed, should the node paying have gone): the hold was
-- judged when the fan pressed Pay, and the units stay theirs while the provider answers.
alter table reservations add column paying_until timestamptz;
