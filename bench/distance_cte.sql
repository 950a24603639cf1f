-- Accountability distance of every organisation with a SQLite recursive CTE,
-- the way a user would without govmap, over the plain tables bench/bench.py
-- writes (org, rel indexed on to_id, weight, cte_bound). Every (organisation,
-- total weight) pair reachable backwards from an electorate is enumerated,
-- bounded by cte_bound.bound so that cycles end; UNION (not UNION ALL) drops
-- repeated pairs. The least weight per organisation is its distance as long as
-- the bound is above the largest distance (bench.py checks the maximum found
-- is below it). Output: id,distance_milli sorted by id.
WITH RECURSIVE reach(id, milli) AS (
    SELECT id, 0 FROM org WHERE kind = 'electorate'
    UNION
    SELECT r.from_id, reach.milli + w.milli
    FROM reach
    JOIN rel r ON r.to_id = reach.id
    JOIN weight w ON w.kind = r.kind AND w.layer = r.layer
    WHERE reach.milli + w.milli <= (SELECT bound FROM cte_bound))
SELECT id, min(milli) FROM reach GROUP BY id ORDER BY id;
