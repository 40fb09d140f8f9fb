// Preloaded with `node --import` by BENCH_ONLY=encrypted: stands in for the system keyring
// (@napi-rs/keyring), which this machine has no service for, so a remembered key can be timed. It
// answers every look-up with $BENCH_KEYRING_KEY at once; a real Secret Service adds a D-Bus round
// trip (a few ms). noisy's own code path (keyring.ts rememberedKey → the raw key) runs unchanged.
import { register } from 'node:module';

register(new URL('./fake-keyring-hooks.mjs', import.meta.url), import.meta.url);
