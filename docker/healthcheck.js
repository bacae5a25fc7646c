// HEALTHCHECK of an app image: GET /health/live (or /health/ready with the argument `ready`, as
// docker/compose.yaml uses it to start dependants once their dependencies answer) on the port the
// app listens on, the variable named by POLYSHOP_HTTP_PORT_VAR (e.g. ORDER_HTTP_PORT).
const probe = process.argv[2] === 'ready' ? 'ready' : 'live';
const port = process.env[process.env.POLYSHOP_HTTP_PORT_VAR];
fetch(`http://127.0.0.1:${port}/health/${probe}`, { signal: AbortSignal.timeout(2000) }).then(
  (response) => process.exit(response.status === 200 ? 0 : 1),
  () => process.exit(1),
);
