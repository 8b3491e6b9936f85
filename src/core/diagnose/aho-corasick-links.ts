/**
 * Breadth-first failure links turn an Aho–Corasick trie (`goto` rows of `width` entries, -1 for
 * missing edges) into a complete automaton, in place. `inherit(state, failState)` runs once per
 * state, after its failure state is final, so each automaton merges its own outputs there.
 */
export const completeAutomaton = (goto: Int32Array[], width: number, inherit: (state: number, failState: number) => void): void => {
  const fail = new Int32Array(goto.length);
  const queue: number[] = [];
  for (let c = 0; c < width; c += 1) {
    const t = goto[0]![c]!;
    if (t === -1) goto[0]![c] = 0;
    else queue.push(t);
  }
  for (let head = 0; head < queue.length; head += 1) {
    const s = queue[head]!;
    inherit(s, fail[s]!);
    for (let c = 0; c < width; c += 1) {
      const t = goto[s]![c]!;
      if (t === -1) goto[s]![c] = goto[fail[s]!]![c]!;
      else {
        fail[t] = goto[fail[s]!]![c]!;
        queue.push(t);
      }
    }
  }
};
