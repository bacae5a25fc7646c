import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * The field names of every built-in Kubernetes type, as the API server's structured-merge-diff
 * schema lists them. Debian's client-go sources carry that schema (applyconfigurations/internal),
 * so the manifests can be checked for unknown fields without a server: kubernetes-models checks
 * types, enums and required fields but lets unknown fields through.
 */
export const CLIENT_GO_SCHEMA = {
  suite: 'sid',
  packageName: 'golang-k8s-client-go-dev',
  path: './usr/share/gocode/src/k8s.io/client-go/applyconfigurations/internal/internal.go',
} as const;

interface TypeRef {
  namedType?: string;
  scalar?: string;
  list?: { elementType: TypeRef };
  map?: { elementType?: TypeRef; fields?: Field[] };
}

interface Field {
  name: string;
  type: TypeRef;
}

interface NamedType extends TypeRef {
  name: string;
}

/** The `apiVersion` of a manifest and the schema's name of its group and version. */
const GROUPS: Record<string, string> = {
  v1: 'io.k8s.api.core.v1',
  'apps/v1': 'io.k8s.api.apps.v1',
  'batch/v1': 'io.k8s.api.batch.v1',
  'networking.k8s.io/v1': 'io.k8s.api.networking.v1',
  'policy/v1': 'io.k8s.api.policy.v1',
  'rbac.authorization.k8s.io/v1': 'io.k8s.api.rbac.v1',
};

export class KubeFields {
  private readonly types: Map<string, NamedType>;

  constructor(schema: { types: NamedType[] }) {
    this.types = new Map(schema.types.map((type) => [type.name, type]));
  }

  /** Reads the schema embedded (as a Go raw string) in client-go's internal.go. */
  static fromClientGo(file: string): KubeFields {
    const source = readFileSync(file, 'utf8');
    const match = /typed\.YAMLObject\(`([\s\S]*?)`\)/.exec(source);
    if (!match) throw new Error(`${file} holds no structured-merge-diff schema`);
    return new KubeFields(parse(match[1]) as { types: NamedType[] });
  }

  /** Every path of `manifest` that its kind's schema does not know, e.g. `spec.template.spec.foo`. */
  unknownFields(manifest: { apiVersion?: unknown; kind?: unknown }): string[] {
    const group = GROUPS[String(manifest.apiVersion)];
    const root = group && this.types.get(`${group}.${String(manifest.kind)}`);
    if (!root)
      return [`<${String(manifest.apiVersion)} ${String(manifest.kind)}: no schema known>`];
    const unknown: string[] = [];
    this.walk(manifest, root, '', unknown);
    return unknown;
  }

  private resolve(ref: TypeRef): TypeRef {
    if (ref.namedType === undefined) return ref;
    const named = this.types.get(ref.namedType);
    if (!named) throw new Error(`schema type ${ref.namedType} is missing`);
    return named;
  }

  private walk(value: unknown, ref: TypeRef, path: string, unknown: string[]): void {
    if (value === null || typeof value !== 'object') return;
    const type = this.resolve(ref);
    if (Array.isArray(value)) {
      const { list } = type;
      if (!list) return;
      value.forEach((item, index) =>
        this.walk(item, list.elementType, `${path}[${index}]`, unknown),
      );
      return;
    }
    if (!type.map) return;
    const fields = new Map((type.map.fields ?? []).map((field) => [field.name, field.type]));
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      const childType = fields.get(key) ?? type.map.elementType;
      if (childType === undefined) unknown.push(childPath);
      else this.walk(child, childType, childPath, unknown);
    }
  }
}
