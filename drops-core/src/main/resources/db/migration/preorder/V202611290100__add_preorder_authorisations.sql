-- With a payment provider that authorises (Stripe), a pre-order holds the fan's money from
-- the moment it is placed: the provider's reference of the authorisation (a PaymentIntent
-- id), the amount authorised, and where the authorisation stands. AUTHORISED: held;
-- CAPTURED: taken when the pre-order became an order; RELEASED: let go (or refunded) after
-- the pre-order was voided, withdrawn or failed. All null with the demo provider, which
-- holds nothing.
alter table preorders
    add column authorisation        varchar(255),
    add column authorised_minor     bigint check (authorised_minor > 0),
    add column authorisation_status varchar(10)
        check (authorisation_status in ('AUTHORISED', 'CAPTURED', 'RELEASED')),
    add constraint preorders_authorisation
        check ((authorisation is null) = (authorisation_status is null)
            and (authorisation is null) = (authorised_minor is null));

-- The settlement releases the authorisations of settled pre-orders that never became
-- orders; this finds them.
create index preorders_to_release on preorders (settled_at)
    where authorisation_status = 'AUTHORISED' and status in ('FAILED', 'VOIDED', 'CANCELLED');
