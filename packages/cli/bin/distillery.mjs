#!/usr/bin/env node
// The `distillery` bin: the CLI is TypeScript source (as every workspace package), run through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
await main();
