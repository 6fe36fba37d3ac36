-- Per-minute usage from Amazon Bedrock model invocation logs in S3, for `bedrock-cost estimate --usage`.
-- 1. A table over the delivery prefix (gzip JSON lines). Change the bucket and prefix.
CREATE EXTERNAL TABLE IF NOT EXISTS bedrock_invocation_logs (
  `timestamp` string,
  requestid string,
  modelid string,
  region string,
  input struct<inputtokencount: bigint, cachereadinputtokencount: bigint, cachewriteinputtokencount: bigint>,
  output struct<outputtokencount: bigint>
)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
WITH SERDEPROPERTIES ('ignore.malformed.json' = 'true', 'case.insensitive' = 'true')
LOCATION 's3://my-bucket/my-prefix/AWSLogs/123456789012/BedrockModelInvocationLogs/';

-- 2. One row per model, Region and minute, in the columns bedrock-cost reads. Each request counted once; failed
--    calls (no output token count) left out. Change the time range.
WITH calls AS (
  SELECT
    date_trunc('minute', from_iso8601_timestamp("timestamp")) AS minute,
    -- As bedrock-cost does: inference-profile and foundation-model ARNs reduced to the ID, a ":NNNk" context
    -- suffix removed; application-inference-profile ARNs kept whole (they do not name the model).
    regexp_replace(regexp_replace(modelid, '^arn:aws[a-z-]*:bedrock:[^:]*:[0-9]*:(inference-profile|foundation-model)/',
                                  ''), ':[0-9]+k$', '') AS model_id,
    region,
    max(coalesce(input.inputtokencount, 0)) AS input_tokens,
    max(coalesce(input.cachereadinputtokencount, 0)) AS cache_read_input_tokens,
    max(coalesce(input.cachewriteinputtokencount, 0)) AS cache_write_input_tokens,
    max(output.outputtokencount) AS output_tokens
  FROM bedrock_invocation_logs
  WHERE from_iso8601_timestamp("timestamp") >= TIMESTAMP '2024-05-01 00:00:00 UTC'
    AND from_iso8601_timestamp("timestamp") < TIMESTAMP '2024-06-01 00:00:00 UTC'
    AND output.outputtokencount IS NOT NULL
  GROUP BY 1, 2, 3, requestid
)
SELECT
  date_format(minute, '%Y-%m-%dT%H:%i:00Z') AS "timestamp",
  model_id,
  sum(input_tokens) AS input_tokens,
  sum(output_tokens) AS output_tokens,
  count(*) AS requests,
  sum(cache_read_input_tokens) AS cache_read_input_tokens,
  sum(cache_write_input_tokens) AS cache_write_input_tokens,
  region
FROM calls
GROUP BY minute, model_id, region
ORDER BY 1, 2, 8;
