/**
 * The environment without variables set to the empty string. Compose (`X: ${X:-}`), Kubernetes and
 * shells pass `X=` for "not set"; every env module parses this view so "" means "use the default".
 */
export function definedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v.trim() !== '') out[k] = v;
  return out;
}
