import { createServer } from 'node:http';
import { Pool, types } from 'pg';
import { CASE_ROW_COLUMNS, toCaseRow } from '../../db/case-repo';
import { caseDetail } from '../../api/views';

// P3b's comparator: the least a server can do to answer GET /api/cases/:caseId with the same body
// as the API: node:http, one pg query for the columns the answer shows, the same JSON. No auth, no
// logging, no metrics. BENCH_MODE=hello answers a constant instead (the first baseline).
// Run as a child process of bench/measures/p3b-read.ts (it sends 'ready' once listening).

types.setTypeParser(types.builtins.DATE, (v: string) => v);
types.setTypeParser(types.builtins.INT8, (v: string) => Number(v));

const db = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const hello = process.env.BENCH_MODE === 'hello';
const PREFIX = '/api/cases/';

const server = createServer((req, res) => {
  const send = (status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  if (hello) return send(200, '{"hello":"world"}');
  if (!req.url?.startsWith(PREFIX)) return send(404, '{}');
  const id = decodeURIComponent(req.url.slice(PREFIX.length));
  db.query(`SELECT ${CASE_ROW_COLUMNS} FROM cases WHERE case_id = $1`, [id]).then(
    (r) => (r.rowCount ? send(200, JSON.stringify(caseDetail(toCaseRow(r.rows[0])))) : send(404, '{}')),
    (err: Error) => send(500, JSON.stringify({ error: err.message })),
  );
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
