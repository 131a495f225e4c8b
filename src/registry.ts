/** The only place transforms are registered, in the order they run. */
import caCerts from '../transforms/ca-certs.js';
import copyDest from '../transforms/copy-dest.js';
import entrypoint from '../transforms/entrypoint.js';
import from from '../transforms/from.js';
import go from '../transforms/go.js';
import healthcheck from '../transforms/healthcheck.js';
import instructions from '../transforms/instructions.js';
import java from '../transforms/java.js';
import node from '../transforms/node.js';
import python, { pythonPath } from '../transforms/python.js';
import run from '../transforms/run.js';
import rust from '../transforms/rust.js';
import tzdata from '../transforms/tzdata.js';
import user from '../transforms/user.js';
import type { Transform } from './context.js';
import type { RuntimeModule } from './runtime.js';
import type { Runtime } from './types.js';

export const RUNTIMES: Record<Runtime, RuntimeModule> = { go, rust, java, node, python };

export const TRANSFORMS: readonly Transform[] = [
  from,
  caCerts,
  tzdata,
  run,
  user,
  copyDest,
  entrypoint,
  pythonPath,
  healthcheck,
  instructions,
];
