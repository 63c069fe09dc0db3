// Sends the calls read as JSON from stdin through Segment's Node library (@segment/analytics-node) and prints, as
// JSON, the answers it got and the errors it reported. Driven by tests/routes/test_analytics_node.py.
// stdin: {"writeKey": "...", "host": "http://127.0.0.1:8000", "calls": [["track", {...}], ...]}
// stdout: {"statuses": [200, ...], "errors": [{"code": "delivery_failure", "reason": "[401] Unauthorized"}]}
const { Analytics } = require('@segment/analytics-node')

async function main() {
  const input = JSON.parse(require('fs').readFileSync(0, 'utf8'))
  const analytics = new Analytics({ writeKey: input.writeKey, host: input.host, path: '/v1/batch', maxRetries: 0 })
  const seen = { statuses: [], errors: [] }
  analytics.on('http_response', (response) => seen.statuses.push(response.status))
  analytics.on('error', (error) => seen.errors.push({ code: error.code, reason: String(error.reason?.message ?? error.reason) }))
  for (const [method, call] of input.calls) analytics[method](call)
  await analytics.closeAndFlush({ timeout: 20000 })
  process.stdout.write(JSON.stringify(seen))
}

main()
