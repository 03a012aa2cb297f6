/**
 * One LayersModel for a whole ensemble: the members' exported graphs side by side on one shared
 * input, their probabilities fused by the mean rule (`Average`), or by the weighted mean
 * (`Rescaling(w_i / Σw)` per member, then `Add`) when the ensemble has weights. Voting rules have no
 * layer form; the safetensors file keeps every member (`m<i>_<layer>/<weight>`) and the serving
 * process fuses with any rule. tfjs cannot load nested models with equal weight names, so the
 * graphs are merged at the JSON level with every layer name prefixed by `m<i>_`.
 */
import { AppError, AppErrorCode } from '@distillery/errors';

import { bothFormats, exportMetadata, type ModelExports } from './export-model.ts';
import type { LayersModelJson } from './layers-model.ts';

type LayerJson = {
  class_name: string;
  name: string;
  config: Record<string, unknown>;
  inbound_nodes: unknown[];
};
type Ref = [string, number, number, Record<string, unknown>];
interface GraphConfig {
  name: string;
  layers: LayerJson[];
  input_layers: Ref[];
  output_layers: Ref[];
}

/** One member's export, read back from the store. */
export interface MemberExport {
  json: LayersModelJson;
  data: Uint8Array;
  architecture: string;
}

function renamed(l: LayerJson, rename: (n: string) => string): LayerJson {
  const inbound = (l.inbound_nodes as Ref[][]).map((node) =>
    node.map((r) => [rename(r[0]), r[1], r[2], r[3]]),
  );
  return {
    ...l,
    name: rename(l.name),
    config: { ...l.config, name: rename(l.name) },
    inbound_nodes: inbound,
  };
}

function graphOf(json: LayersModelJson): GraphConfig {
  const config = json.modelTopology.config as GraphConfig | undefined;
  if (!config?.layers || config.input_layers?.length !== 1 || config.output_layers?.length !== 1)
    throw new AppError(
      AppErrorCode.DATA_CORRUPT,
      'ensemble export: a member is not a one-input, one-output graph',
    );
  return config;
}

/** Merge member exports into one fused LayersModel and one safetensors file. */
export function exportEnsemble(
  members: readonly MemberExport[],
  o: { classNames: readonly string[]; weights?: readonly number[] | null; extra?: Record<string, string> },
): ModelExports {
  if (members.length === 0) throw new AppError(AppErrorCode.BAD_USER_INPUT, 'an ensemble needs members');
  const graphs = members.map((m) => graphOf(m.json));
  const inputName = 'image';
  const input = graphs[0]!.layers.find((l) => l.name === graphs[0]!.input_layers[0]![0])!;
  const layers: LayerJson[] = [{ ...input, name: inputName, config: { ...input.config, name: inputName } }];
  const outputs: Ref[] = [];
  graphs.forEach((g, i) => {
    const own = g.input_layers[0]![0];
    const rename = (n: string) => (n === own ? inputName : `m${i}_${n}`);
    layers.push(...g.layers.filter((l) => l.name !== own).map((l) => renamed(l, rename)));
    outputs.push([rename(g.output_layers[0]![0]), 0, 0, {}]);
  });
  const weights = o.weights ?? null;
  let fused: Ref[] = outputs;
  if (weights) {
    const total = weights.reduce((a, b) => a + b, 0);
    fused = outputs.map((ref, i) => {
      const name = `m${i}_weight`;
      layers.push({
        class_name: 'Rescaling',
        name,
        config: { name, trainable: true, dtype: 'float32', scale: weights[i]! / total, offset: 0 },
        inbound_nodes: [[ref]],
      });
      return [name, 0, 0, {}];
    });
  }
  if (members.length > 1) {
    const cls = weights ? 'Add' : 'Average';
    layers.push({
      class_name: cls,
      name: 'predictions',
      config: { name: 'predictions', trainable: true, dtype: 'float32' },
      inbound_nodes: [fused],
    });
  }
  const config: GraphConfig = {
    name: 'ensemble',
    layers,
    input_layers: [[inputName, 0, 0, {}]],
    output_layers: members.length > 1 ? [['predictions', 0, 0, {}]] : [fused[0]!],
  };
  const topology = { ...members[0]!.json.modelTopology, config };
  const specs = members.flatMap((m, i) =>
    m.json.weightsManifest.flatMap((g) => g.weights).map((w) => ({ ...w, name: `m${i}_${w.name}` })),
  );
  const data = new Uint8Array(members.reduce((n, m) => n + m.data.byteLength, 0));
  let at = 0;
  for (const m of members) {
    data.set(m.data, at);
    at += m.data.byteLength;
  }
  const inputShape = JSON.parse(String(members[0]!.json.userDefinedMetadata?.input_shape ?? '[0,0,0]'));
  const metadata = {
    ...exportMetadata(members.map((m) => m.architecture).join('+'), inputShape, 1, {
      classNames: o.classNames,
    }),
    output: weights ? 'weighted mean of the members’ probabilities' : 'mean of the members’ probabilities',
    members: String(members.length),
    ...(weights ? { member_weights: JSON.stringify(weights) } : {}),
    ...o.extra,
  };
  return bothFormats(topology, specs, data, metadata, o.classNames);
}
