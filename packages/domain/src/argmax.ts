// The one rule for "the class a row ranks first": the runner's confusion matrices, the ML core's
// agreement figures and the API's misclassified samples must agree on ties, or the API's counts would
// not match the matrix cells they are listed under.

/** The class each row of a samples × classes probability matrix ranks first (ties: the lowest class). */
export function argmaxRows(probs: ArrayLike<number>, numClasses: number): Int32Array {
  const out = new Int32Array(Math.floor(probs.length / numClasses));
  for (let i = 0; i < out.length; i++) {
    let arg = 0;
    for (let c = 1; c < numClasses; c++)
      if (probs[i * numClasses + c]! > probs[i * numClasses + arg]!) arg = c;
    out[i] = arg;
  }
  return out;
}
