import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ROOT } from '../platform';
import { runOk } from '../tooling/run';

/** A rendered Kubernetes object, as plain data. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

export const K8S_DIR = join(ROOT, 'k8s');

/** `base` and every folder of k8s/overlays: what users apply, each rendered on its own. */
export const KUSTOMIZATIONS: readonly string[] = [
  'base',
  ...readdirSync(join(K8S_DIR, 'overlays')).map((overlay) => `overlays/${overlay}`),
];

/** Every kustomization of KUSTOMIZATIONS rendered, by its name. */
export async function renderAll(): Promise<Map<string, KubeObject[]>> {
  const objects = await Promise.all(KUSTOMIZATIONS.map((kustomization) => render(kustomization)));
  return new Map(KUSTOMIZATIONS.map((kustomization, index) => [kustomization, objects[index]]));
}

/** The objects `kubectl kustomize` renders from a kustomization of k8s/ (offline, no cluster). */
export async function render(kustomization: string): Promise<KubeObject[]> {
  const yaml = await runOk('kubectl', ['kustomize', join(K8S_DIR, kustomization)]);
  return parseAllDocuments(yaml).map((document) => {
    if (document.errors.length > 0) throw document.errors[0];
    return document.toJS() as KubeObject;
  });
}
