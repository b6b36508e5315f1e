-- A unit of an order ops cancelled is offered again like a no-show's.
alter table second_chance_offers drop constraint second_chance_offers_cause_check;
alter table second_chance_offers add constraint second_chance_offers_cause_check
    check (cause in ('NO_SHOW', 'CANCELLED', 'EXPIRED', 'RELEASED', 'LAPSED'));
