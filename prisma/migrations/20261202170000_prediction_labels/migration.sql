-- The true class of each predicted sample (u32 LE, in the prediction's sample order), so the API lists
-- misclassified samples from the row alone: a split's test labels are not in the database when the
-- dataset's own test set is used (testFraction 0), and a preset dataset keeps no labels at all.
ALTER TABLE "Prediction" ADD COLUMN "labels" BYTEA;
