// Module hooks for fake-keyring.mjs: '@napi-rs/keyring' resolves to a module that hands back
// $BENCH_KEYRING_KEY.
const FAKE = `export class Entry {
  getPassword() { return process.env.BENCH_KEYRING_KEY ?? null; }
  setPassword() {}
  deletePassword() { return false; }
}`;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === '@napi-rs/keyring') return { url: `data:text/javascript,${encodeURIComponent(FAKE)}`, shortCircuit: true };
  return nextResolve(specifier, context);
}
