-- A drop's waiting room, as its merchandiser sets it: on or off, and how many fans are
-- admitted per minute (null: automatically, from the units free and the admissions still
-- open). Read with the drop itself, so a drop without one costs the reserve path nothing.
alter table drops
    add column waiting_room          boolean not null default false,
    add column admissions_per_minute integer check (admissions_per_minute between 1 and 100000);
