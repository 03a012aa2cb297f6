// Published numbers the report sets our results beside (../shared/reference/mtkd-method.md §5):
// the thesis' CIFAR-10 / ResNet50V2 student tables and the Voting repository's MNIST table.

/** Thesis cell: test accuracy % as mean (SEM), n student runs, α pooled. */
export interface ThesisCell {
  mean: number;
  sem: number;
  n: number;
}

type Row = [p: number, outputAvg: ThesisCell, lossAvg: ThesisCell, mimicAll: ThesisCell];
const c = (mean: number, sem: number, n: number): ThesisCell => ({ mean, sem, n });

/** Thesis §5.1 by number of teachers N: rows p = 1, 0.9, 0.8, 0.7, 0.6; columns output_avg, loss_avg, mimic_all. */
export const THESIS_CIFAR10: Record<number, Row[]> = {
  2: [
    [1, c(80.95, 0.48, 6), c(82.08, 0.54, 10), c(82.72, 0.25, 13)],
    [0.9, c(80.69, 0.44, 7), c(82.07, 0.34, 11), c(82.68, 0.38, 6)],
    [0.8, c(80.84, 0.72, 7), c(81.03, 0.62, 12), c(82.09, 0.24, 8)],
    [0.7, c(80.9, 0.31, 7), c(80.78, 0.34, 12), c(81.28, 0.22, 8)],
    [0.6, c(78.28, 0.94, 8), c(79.94, 0.66, 13), c(81.1, 0.5, 7)],
  ],
  3: [
    [1, c(80.95, 0.93, 6), c(81.18, 0.89, 11), c(83.11, 0.22, 12)],
    [0.9, c(78.24, 0.5, 4), c(81.89, 0.25, 21), c(82.76, 0.31, 11)],
    [0.8, c(80.28, 0.71, 9), c(81.48, 0.4, 17), c(83.08, 0.31, 8)],
    [0.7, c(81.17, 0.31, 9), c(81.64, 0.4, 8), c(82.14, 0.47, 9)],
    [0.6, c(79.21, 0.41, 6), c(80.61, 0.64, 10), c(81.2, 0.51, 6)],
  ],
  4: [
    [1, c(79.02, 1.18, 5), c(82.84, 0.36, 7), c(83.22, 0.21, 15)],
    [0.9, c(79.33, 0.69, 6), c(81.92, 0.43, 9), c(82.73, 0.19, 11)],
    [0.8, c(81.21, 0.6, 4), c(81.83, 0.39, 9), c(82.48, 0.23, 11)],
    [0.7, c(80.02, 1.12, 5), c(81.44, 0.36, 9), c(82.33, 0.25, 11)],
    [0.6, c(79.82, 0.57, 5), c(79.94, 1.05, 9), c(81.68, 0.67, 5)],
  ],
  5: [
    [1, c(83.11, 0.38, 4), c(82.82, 0.45, 6), c(83.66, 0.31, 8)],
    [0.9, c(82.25, 0.7, 3), c(82.17, 0.49, 6), c(83.0, 0.32, 5)],
    [0.8, c(81.72, 0.31, 4), c(81.26, 0.48, 5), c(83.55, 0.22, 4)],
    [0.7, c(79.94, 1.18, 4), c(82.01, 0.5, 5), c(82.19, 0.49, 5)],
    [0.6, c(80.41, 0.74, 4), c(80.91, 0.66, 6), c(81.86, 0.41, 4)],
  ],
};

/** Thesis §5.2 cell 11 (read off the plot, ±0.03): mimic_all at p = 1, accuracy % by N and α. */
export const THESIS_ALPHA_BY_N: Record<number, Record<number, number>> = {
  2: { 0: 83.25, 0.25: 83.07, 0.5: 83.04, 0.75: 81.83 },
  3: { 0: 83.16, 0.25: 83.87, 0.5: 83.0, 0.75: 82.4 },
  4: { 0: 83.65, 0.25: 83.78, 0.5: 82.66, 0.75: 82.72 },
  5: { 0: 84.2, 0.25: 83.91, 0.5: 83.91, 0.75: 82.63 },
};

/** ZuchniakK/Voting README, "Results on MNIST": accuracy % by ensemble size (MLP 50-50 members on small fractions). */
export const VOTING_MNIST: {
  size: number;
  plurality: number;
  borda: number;
  stv: number;
  copeland: number;
  mean: number;
}[] = [
  { size: 5, plurality: 58.6, borda: 61.1, stv: 58.3, copeland: 60.0, mean: 62.7 },
  { size: 25, plurality: 66.1, borda: 69.8, stv: 67.8, copeland: 68.1, mean: 69.7 },
  { size: 55, plurality: 67.7, borda: 71.5, stv: 69.6, copeland: 69.9, mean: 71.1 },
];
