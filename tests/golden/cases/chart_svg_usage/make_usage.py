# Writes usage.csv.gz: three days of per-minute usage of one model from Fri 31 May 2024 18:00 UTC, across the
# month's end: a daily cycle (busiest at 15:00) with a burst of 1.6x in one minute of every ten, so that each
# chart point's busiest minute stands well above its average. Deterministic (no randomness, fixed gzip mtime).
import datetime, gzip, math
start = datetime.datetime(2024, 5, 31, 18, 0)
rows = ['timestamp,model_id,input_tokens,output_tokens,requests']
for m in range(3 * 1440):
    t = start + datetime.timedelta(minutes=m)
    hour = t.hour + t.minute / 60
    tokens = 250_000 + 150_000 * math.cos((hour - 15) / 24 * 2 * math.pi)
    if m % 10 == 0:
        tokens *= 1.6
    tokens = int(tokens)
    rows.append(f'{t:%Y-%m-%dT%H:%M:00Z},anthropic.claude-3-5-sonnet-20241022-v2:0,{tokens * 3 // 4},{tokens // 4},20')
with gzip.GzipFile('usage.csv.gz', 'wb', mtime=0) as out:
    out.write(('\n'.join(rows) + '\n').encode())
