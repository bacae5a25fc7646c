import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { KubeObject } from './kustomize';

/** A Deployment or StatefulSet: what its pods look like. */
export interface Workload {
  readonly kind: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly pod: IPodSpec;
  readonly replicas: number;
}

export function workloadsOf(objects: readonly KubeObject[]): Workload[] {
  return objects
    .filter((object) => object.kind === 'Deployment' || object.kind === 'StatefulSet')
    .map((object) => {
      const { spec } = object as unknown as IDeployment | IStatefulSet;
      if (!spec?.template.spec)
        throw new Error(`${object.kind}/${object.metadata.name} has no pod`);
      return {
        kind: object.kind,
        name: object.metadata.name,
        labels: spec.template.metadata?.labels ?? {},
        pod: spec.template.spec,
        replicas: spec.replicas ?? 1,
      };
    });
}

export const containersOf = (pod: IPodSpec): IContainer[] => [
  ...(pod.initContainers ?? []),
  ...pod.containers,
];

/** The data of the ConfigMap a kustomization generated under `name` (with a hash suffix). */
export function configMapData(
  objects: readonly KubeObject[],
  name: string,
): Record<string, string> {
  const found = objects.find(
    (object) => object.kind === 'ConfigMap' && object.metadata.name === name,
  );
  if (!found) throw new Error(`no ConfigMap ${name}`);
  return (found as unknown as IConfigMap).data ?? {};
}

type Selector = NonNullable<INetworkPolicy['spec']>['podSelector'];

/** Whether a label selector (matchLabels and matchExpressions) selects these labels. */
export function selects(selector: Selector, labels: Readonly<Record<string, string>>): boolean {
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(
    ([key, value]) => labels[key] === value,
  );
  const byExpressions = (selector.matchExpressions ?? []).every(
    ({ key, operator, values = [] }) => {
      const value = labels[key];
      switch (operator) {
        case 'In':
          return value !== undefined && values.includes(value);
        case 'NotIn':
          return value === undefined || !values.includes(value);
        case 'Exists':
          return value !== undefined;
        case 'DoesNotExist':
          return value === undefined;
        default:
          throw new Error(`unknown selector operator ${operator}`);
      }
    },
  );
  return byLabels && byExpressions;
}

/** Anyone: a rule with no `from`, an IP block or another namespace. */
export const ANYONE = '*';

/**
 * Who may open a connection to `target`'s `port` (a container port number), by the
 * NetworkPolicies of its namespace: the names of the workloads whose pods may, or ANYONE.
 * A pod no policy selects for ingress accepts everyone.
 */
export function allowedSources(
  objects: readonly KubeObject[],
  target: Workload,
  port: number,
): Set<string> {
  const workloads = workloadsOf(objects);
  const policies = objects
    .filter((object) => object.kind === 'NetworkPolicy')
    .flatMap((object) => (object as unknown as INetworkPolicy).spec ?? [])
    .filter((spec) => (spec.policyTypes ?? ['Ingress']).includes('Ingress'))
    .filter((spec) => selects(spec.podSelector, target.labels));
  if (policies.length === 0) return new Set([ANYONE]);
  const namedPorts = new Map(
    containersOf(target.pod).flatMap((container) =>
      (container.ports ?? []).map((p) => [p.name, p.containerPort] as const),
    ),
  );
  const sources = new Set<string>();
  for (const rule of policies.flatMap((spec) => spec.ingress ?? [])) {
    const coversPort =
      !rule.ports?.length ||
      rule.ports.some(
        (p) => (typeof p.port === 'string' ? namedPorts.get(p.port) : p.port) === port,
      );
    if (!coversPort) continue;
    if (!rule.from?.length) sources.add(ANYONE);
    for (const peer of rule.from ?? []) {
      if (peer.ipBlock || peer.namespaceSelector || !peer.podSelector) {
        sources.add(ANYONE);
        continue;
      }
      for (const workload of workloads) {
        if (selects(peer.podSelector, workload.labels)) sources.add(workload.name);
      }
    }
  }
  return sources;
}
