import { KubeFields } from './kube-fields';
import { schemaErrors } from './kube-schema';
import { renderAll, type KubeObject } from './kustomize';
import { clientGoSchema } from './tools';

const named = (object: KubeObject) => `${object.kind}/${object.metadata.name}`;

describe('the Kubernetes manifests', () => {
  let fields: KubeFields;
  let rendered: Map<string, KubeObject[]>;

  beforeAll(async () => {
    fields = KubeFields.fromClientGo(await clientGoSchema());
    rendered = await renderAll();
  });

  it('render with kubectl kustomize: the base and every overlay', () => {
    expect([...rendered.keys()]).toEqual(
      expect.arrayContaining(['base', 'overlays/kind', 'overlays/kind-e2e', 'overlays/ha']),
    );
    for (const objects of rendered.values()) {
      expect(objects.filter((object) => object.kind === 'Deployment')).toHaveLength(6);
    }
  });

  it('are valid against the Kubernetes schemas (types, enums, required fields)', () => {
    const problems = [...rendered].flatMap(([kustomization, objects]) =>
      objects.flatMap((object) =>
        schemaErrors(object).map((error) => `${kustomization} ${named(object)}: ${error}`),
      ),
    );
    expect(problems).toEqual([]);
  });

  it('have no field their kind does not define', () => {
    const problems = [...rendered].flatMap(([kustomization, objects]) =>
      objects.flatMap((object) =>
        fields.unknownFields(object).map((path) => `${kustomization} ${named(object)}: ${path}`),
      ),
    );
    expect(problems).toEqual([]);
  });

  it('put everything in the polyshop namespace', () => {
    for (const objects of rendered.values()) {
      const outside = objects.filter(
        (object) => object.kind !== 'Namespace' && object.metadata.namespace !== 'polyshop',
      );
      expect(outside.map(named)).toEqual([]);
    }
  });
});

describe('the offline checks themselves', () => {
  const deployment = (container: Record<string, unknown>): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'probe' },
    spec: {
      selector: { matchLabels: { app: 'probe' } },
      template: {
        metadata: { labels: { app: 'probe' } },
        spec: { containers: [{ name: 'probe', image: 'probe', ...container }] },
      },
    },
  });

  it('find a misspelt field, deep in a pod template', async () => {
    const fields = KubeFields.fromClientGo(await clientGoSchema());
    const object = deployment({ readinesProbe: { httpGet: { path: '/', port: 80 } } });
    expect(fields.unknownFields(object)).toEqual([
      'spec.template.spec.containers[0].readinesProbe',
    ]);
    expect(fields.unknownFields(deployment({}))).toEqual([]);
  });

  it('find a value outside its enum, and a missing required field', () => {
    expect(schemaErrors(deployment({ imagePullPolicy: 'Sometimes' })).join()).toContain(
      'imagePullPolicy must be equal to one of the allowed values',
    );
    expect(schemaErrors(deployment({ name: undefined })).join()).toContain(
      'must have required property name',
    );
  });
});
