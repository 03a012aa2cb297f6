// A job's tensors and variables, released when the job ends. The runner reuses a worker thread for
// several jobs (apps/runner/src/threads), so what one job left in the tfjs engine must not reach the
// next: every tensor a job created that nobody `tf.keep`s is tracked by the scope opened here, and every
// variable (model weights, optimizer slots) is registered with the engine.
import * as tf from '@tensorflow/tfjs';

/** What a closed scope left behind. */
export interface TensorScopeReport {
  /** Tensors still allocated beyond the count when the scope opened (tf.keep'd ones a job forgot). */
  leakedTensors: number;
}

/** Open a scope over the tensors made from now on; `close` disposes them and all variables. */
export function openTensorScope(): { close(): TensorScopeReport } {
  const before = tf.memory().numTensors;
  tf.engine().startScope('job');
  return {
    close() {
      tf.engine().endScope();
      tf.disposeVariables();
      return { leakedTensors: Math.max(0, tf.memory().numTensors - before) };
    },
  };
}
