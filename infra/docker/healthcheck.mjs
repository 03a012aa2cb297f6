// HEALTHCHECK of the images: healthy when the part running in this container answers /healthz on its
// port: the API (API_PORT, default 4000), a runner (RUNNER_HEALTH_PORT) or the dashboard (PORT).
const ports = new Set(
  [process.env.API_PORT || '4000', process.env.RUNNER_HEALTH_PORT, process.env.PORT].filter(
    (p) => p && p !== '0',
  ),
);

/** True when http://127.0.0.1:PORT/healthz answers 2xx within 3 s. */
async function healthy(port) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(3000) });
    return res.ok;
  } catch {
    return false;
  }
}

const results = await Promise.all([...ports].map(healthy));
process.exit(results.includes(true) ? 0 : 1);
