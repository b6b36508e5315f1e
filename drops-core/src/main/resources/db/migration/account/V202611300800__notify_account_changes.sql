-- Every node keeps the API tokens it checked lately in memory and forgets an account's
-- tokens when it hears, on channel drops_account_changes, that the account changed: a
-- token revoked, changed or deleted, the account deactivated, renamed or deleted, a role
-- given or taken. The payload is the account's id, or '*' when a whole table was emptied.
-- Notifications go out when the transaction commits, and never for one rolled back.
create function notify_account_change() returns trigger
language plpgsql as $$
begin
    if tg_level = 'STATEMENT' then
        perform pg_notify('drops_account_changes', '*');
    elsif tg_table_name = 'accounts' then
        perform pg_notify('drops_account_changes', (case when tg_op = 'DELETE' then old.id else new.id end)::text);
    else
        perform pg_notify('drops_account_changes',
                          (case when tg_op = 'DELETE' then old.account_id else new.account_id end)::text);
        if tg_op = 'UPDATE' and old.account_id is distinct from new.account_id then
            perform pg_notify('drops_account_changes', old.account_id::text);
        end if;
    end if;
    return null;
end
$$;

create trigger api_tokens_changed after update on api_tokens for each row
    when (old.revoked_at is distinct from new.revoked_at or old.token_hash is distinct from new.token_hash
          or old.account_id is distinct from new.account_id)
    execute function notify_account_change();
create trigger api_tokens_deleted after delete on api_tokens for each row
    execute function notify_account_change();
create trigger api_tokens_emptied after truncate on api_tokens for each statement
    execute function notify_account_change();

create trigger accounts_changed after update on accounts for each row
    when (old.enabled is distinct from new.enabled or old.email is distinct from new.email
          or old.display_name is distinct from new.display_name)
    execute function notify_account_change();
create trigger accounts_deleted after delete on accounts for each row
    execute function notify_account_change();
create trigger accounts_emptied after truncate on accounts for each statement
    execute function notify_account_change();

create trigger account_roles_changed after insert or update or delete on account_roles for each row
    execute function notify_account_change();
create trigger account_roles_emptied after truncate on account_roles for each statement
    execute function notify_account_change();
