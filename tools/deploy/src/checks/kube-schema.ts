import * as appsV1 from 'kubernetes-models/apps/v1';
import * as batchV1 from 'kubernetes-models/batch/v1';
import * as networkingV1 from 'kubernetes-models/networking.k8s.io/v1';
import * as policyV1 from 'kubernetes-models/policy/v1';
import * as coreV1 from 'kubernetes-models/v1';
import type { KubeObject } from './kustomize';

type Model = new (data: unknown) => { validate(): void };

const MODELS: Record<string, Record<string, unknown>> = {
  v1: coreV1,
  'apps/v1': appsV1,
  'batch/v1': batchV1,
  'networking.k8s.io/v1': networkingV1,
  'policy/v1': policyV1,
};

/**
 * What the Kubernetes OpenAPI schema (through kubernetes-models) finds wrong with an object:
 * types, formats, enums, required fields. Empty when valid. It does not see unknown fields:
 * KubeFields does.
 */
export function schemaErrors(object: KubeObject): string[] {
  const model = MODELS[object.apiVersion]?.[object.kind] as Model | undefined;
  if (!model) return [`no schema for ${object.apiVersion} ${object.kind}`];
  try {
    new model(object).validate();
    return [];
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}
