// Runs graphql-http's GraphQL-over-HTTP server audits against URL (argv[2])
// and prints one JSON object: {results: [{id, name, status, reason}]}.
import { auditServer } from 'graphql-http';

const url = process.argv[2];
const results = await auditServer({ url });
const out = [];
for (const r of results) {
  let reason = '';
  if (r.status !== 'ok') {
    reason = r.reason;
    if (r.response) {
      try {
        reason += ` | status ${r.response.status} body ${(await r.response.text()).slice(0, 300)}`;
      } catch (e) { /* body already read */ }
    }
  }
  out.push({ id: r.id, name: r.name, status: r.status, reason });
}
console.log(JSON.stringify({ results: out }));
