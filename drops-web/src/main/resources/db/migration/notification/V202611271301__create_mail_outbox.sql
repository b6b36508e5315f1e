-- The mail outbox: every mail is rendered and stored in the transaction of the change that
-- caused it, then sent by a background job. With no SMTP server it is the mailbox.
create table mail_outbox (
    id              uuid          primary key,
    recipient       varchar(254)  not null,
    account_id      uuid,
    template        varchar(60)   not null,
    subject         varchar(300)  not null,
    text_body       text          not null,
    html_body       text          not null,
    marketing       boolean       not null,
    unsubscribe_url varchar(500),
    status          varchar(10)   not null default 'PENDING'
                    check (status in ('PENDING', 'SENDING', 'SENT', 'FAILED')),
    attempts        integer       not null default 0 check (attempts >= 0),
    next_attempt_at timestamptz   not null,
    lease_until     timestamptz,
    last_error      varchar(1000),
    created_at      timestamptz   not null,
    sent_at         timestamptz,
    constraint mail_outbox_sending_has_lease check (status <> 'SENDING' or lease_until is not null)
);

-- What the sender claims: waiting mail that is due, and mail whose sender's lease ran out.
create index mail_outbox_due on mail_outbox (next_attempt_at) where status = 'PENDING';
create index mail_outbox_leased on mail_outbox (lease_until) where status = 'SENDING';
create index mail_outbox_newest on mail_outbox (created_at desc);
