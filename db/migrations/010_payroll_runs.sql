-- Which payroll run paid each payment (`<workflow id>/<first run id>`): a run resumed after a worker
-- crash counts the payments it made before the crash as its own, not as "already paid" by others.
-- Null for payments made before this column existed.
ALTER TABLE payments ADD COLUMN paid_by_run text;
