// The original code's registries (mtkd-method.md §2.4, §4.6), so notebooks written for them keep
// working: teachers.csv and students.csv with the same columns, tokens and uuid conventions.
import type { DatasetsQuery, StudentsQuery, TeachersQuery } from '@distillery/client';

/** teachers.csv columns, in the original order. */
export const TEACHER_COLUMNS = [
  'model_location',
  'dataset',
  'architecture',
  'fraction',
  'uuid',
  'train_loss',
  'train_accuracy',
  'val_loss',
  'val_accuracy',
  'test_loss',
  'test_accuracy',
] as const;
/** students.csv columns, in the original order. */
export const STUDENT_COLUMNS = [
  'model_location',
  'dataset',
  'architecture',
  'n_teachers',
  'teachers_fraction',
  'mode',
  'alpha',
  'temperature',
  'teachers_uuid',
  'uuid',
  'train_loss',
  'train_accuracy',
  'val_loss',
  'val_accuracy',
  'test_loss',
  'test_accuracy',
] as const;

/** The original's uuid4 hex form of one of our ids (dashes removed). */
export function uuidHex(id: string): string {
  return id.replace(/-/g, '');
}

/** p as the original wrote it in students.csv and student paths: a float string, 1 → "1.0". */
export function floatString(p: number): string {
  return Number.isInteger(p) ? p.toFixed(1) : String(p);
}

type Summary = Record<string, unknown>;
const metric = (s: Summary, k: string) => (typeof s[k] === 'number' ? (s[k] as number) : '');
const metrics = (s: Summary) => [
  metric(s, 'loss'),
  metric(s, 'accuracy'),
  metric(s, 'val_loss'),
  metric(s, 'val_accuracy'),
  metric(s, 'test_loss'),
  metric(s, 'test_accuracy'),
];

function datasetName(datasets: DatasetsQuery['datasets'], id: string | null): string {
  return datasets.find((d) => d.id === id)?.name ?? '';
}

/** Rows of teachers.csv for SUCCEEDED teachers; model_location is `<models>/<dataset>/teachers/<arch>_<frac>_<uuid>`. */
export function teacherRows(
  teachers: TeachersQuery['teachers'],
  datasets: DatasetsQuery['datasets'],
  modelsDir: string,
  fractionToken: (p: number) => string,
): unknown[][] {
  return teachers
    .filter((t) => t.run.status === 'SUCCEEDED')
    .map((t) => {
      const ds = datasetName(datasets, t.run.datasetId);
      const token = fractionToken(t.fraction);
      const uuid = uuidHex(t.id);
      return [
        `${modelsDir}/${ds}/teachers/${t.architectureKey}_${token}_${uuid}`,
        ds,
        t.architectureKey,
        token,
        uuid,
        ...metrics(t.run.summary as Summary),
      ];
    });
}

/** Rows of students.csv for SUCCEEDED students; model_location is `<models>/<dataset>/students/<mode>_<arch>_<p>_<N>_<uuid>`. */
export function studentRows(
  students: StudentsQuery['students'],
  datasets: DatasetsQuery['datasets'],
  modelsDir: string,
): unknown[][] {
  return students
    .filter((s) => s.run.status === 'SUCCEEDED')
    .map((s) => {
      const ds = datasetName(datasets, s.run.datasetId);
      const mode = s.mode.toLowerCase();
      const p = s.teacherFraction === null ? '' : floatString(s.teacherFraction);
      const n = s.teachers.length;
      const uuid = uuidHex(s.id);
      return [
        `${modelsDir}/${ds}/students/${mode}_${s.architectureKey}_${p}_${n}_${uuid}`,
        ds,
        s.architectureKey,
        n,
        p,
        mode,
        s.alpha,
        s.temperature,
        s.teachers.map((t) => uuidHex(t.id)).join(':'),
        uuid,
        ...metrics(s.run.summary as Summary),
      ];
    });
}
