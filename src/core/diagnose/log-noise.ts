/**
 * Terms that say nothing about which runbook or past incident fits a failure: English stop
 * words, log levels and words every failing log contains, stack-frame and path filler, and the
 * pieces of timestamps, durations, counters and random ids. Terms are lower-case.
 */
const STOP_WORDS = new Set(
  (
    "a an and are as at be been but by can cannot could did do does for from had has have if in into is it its " +
    "may might no not of on or our should so than that the then there these this those to too was were when which while who will with would you your " +
    "i me my we us they them he she all any some only also after before over under about most case cases one new old get got set " +
    "doesn don isn wasn didn won can't found version versions unable exist exists expected received " +
    "error errors err warn warning warnings info debug trace fatal fail fails failed failing failure exception " +
    "line lines col column file files code exit exited status process step job run running ran " +
    "see more details please try again use using value message type true false null undefined none " +
    "at anonymous object node internal processticksandrejections runmicrotasks async await promise " +
    "home runner work usr var tmp opt app src dist lib build index js mjs cjs ts py go java " +
    "ms sec secs second seconds min mins minute minutes"
  ).split(" "),
);

const DIGITS = /^\d+$/;
// 3-digit numbers are often meaningful: exit codes (137), HTTP statuses (503).
const MEANINGFUL_NUMBER = /^\d{3}$/;
const HEX_ID = /^(?:0x)?[0-9a-f]{7,}$/;
// Timestamp and duration pieces: 02t14, 123z, 250ms, 3s, 12kb.
const NUMERIC_PIECE = /^\d+[a-z]{1,2}\d*$/;
// Run ids, request ids and other random tokens: long and digit-heavy.
const RANDOM_ID = /^(?=.{10,}$)(?=(?:[^\d]*\d){4})/;

/** Whether a lower-case term is noise for matching failures to knowledge. */
export const isLogNoise = (term: string): boolean => {
  if (term.length < 2 || STOP_WORDS.has(term)) return true;
  if (DIGITS.test(term)) return !MEANINGFUL_NUMBER.test(term);
  return (HEX_ID.test(term) && /\d/.test(term)) || NUMERIC_PIECE.test(term) || RANDOM_ID.test(term);
};
