import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

// A reader for the subset of kustomize that deploy/k8s uses, so that the manifests can be
// checked without a kustomize binary: resources, components, strategic merge patches (by file or
// inline, with `$patch: delete`), namespace and images. Any other field stops the build, so a
// kustomization never uses a feature that the checks would silently skip.

/** A Kubernetes object as parsed from YAML. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

type Json = Record<string, unknown>;

const SUPPORTED_FIELDS = new Set([
  'apiVersion',
  'kind',
  'namespace',
  'resources',
  'components',
  'patches',
  'images',
]);

/**
 * Merge keys of the lists that strategic merge patches merge element by element in the built-in
 * types (from the Kubernetes API's patchMergeKey tags). Any other list is replaced as a whole.
 */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  volumes: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  imagePullSecrets: 'name',
  topologySpreadConstraints: 'topologyKey',
};

/** Kinds that have no namespace, so the namespace transformer leaves them alone. */
const CLUSTER_KINDS = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding']);

/** API groups whose objects kustomize patches as JSON merge patches: it has no schema for them. */
const CUSTOM_GROUPS = new Set(['keda.sh']);

/** Parses every document of a YAML file, skipping empty ones. */
export function readYamlDocuments(file: string): Json[] {
  const documents = parseAllDocuments(readFileSync(file, 'utf8'));
  for (const document of documents) {
    if (document.errors.length > 0) {
      throw new Error(`${file} is not valid YAML: ${document.errors[0].message}`);
    }
  }

  return documents.map((document) => document.toJS() as Json | null).filter(isObject);
}

/**
 * Builds the kustomization in `directory` as `kustomize build` would for the supported fields.
 *
 * @throws Error naming the file when a resource is missing, a field is unsupported, or a patch
 *   matches no object.
 */
export function buildKustomization(directory: string): KubernetesObject[] {
  const kustomization = readKustomization(directory, 'Kustomization');
  let objects = ((kustomization.resources as string[] | undefined) ?? []).flatMap((entry) =>
    loadResource(directory, entry),
  );
  for (const component of (kustomization.components as string[] | undefined) ?? []) {
    objects = applyComponent(objects, path.resolve(directory, component));
  }

  return transform(objects, kustomization, directory);
}

/** Applies the kustomize Component in `directory` to objects built elsewhere. */
export function applyComponent(objects: KubernetesObject[], directory: string): KubernetesObject[] {
  const component = readKustomization(directory, 'Component');
  const added = ((component.resources as string[] | undefined) ?? []).flatMap((entry) =>
    loadResource(directory, entry),
  );

  return transform([...objects, ...added], component, directory);
}

function readKustomization(directory: string, kind: string): Json {
  const file = path.join(directory, 'kustomization.yaml');
  if (!existsSync(file)) {
    throw new Error(`${directory} has no kustomization.yaml`);
  }
  const [kustomization] = readYamlDocuments(file);
  const unsupported = Object.keys(kustomization).filter((field) => !SUPPORTED_FIELDS.has(field));
  if (unsupported.length > 0) {
    throw new Error(`${file} uses fields this reader does not apply: ${unsupported.join(', ')}`);
  }
  if ((kustomization.kind ?? 'Kustomization') !== kind) {
    throw new Error(`${file} is a ${String(kustomization.kind)}, expected a ${kind}`);
  }

  return kustomization;
}

function loadResource(directory: string, entry: string): KubernetesObject[] {
  const target = path.resolve(directory, entry);
  if (!existsSync(target)) {
    throw new Error(
      `${path.join(directory, 'kustomization.yaml')} lists ${entry}, which is missing`,
    );
  }
  if (statSync(target).isDirectory()) {
    return buildKustomization(target);
  }

  return readYamlDocuments(target).map((document) => asObject(document, target));
}

function transform(objects: KubernetesObject[], kustomization: Json, directory: string) {
  let result = objects;
  for (const patch of (kustomization.patches as Json[] | undefined) ?? []) {
    result = applyPatchEntry(result, patch, directory);
  }
  const namespace = kustomization.namespace as string | undefined;
  if (namespace !== undefined) {
    result = result.map((object) => setNamespace(object, namespace));
  }
  for (const image of (kustomization.images as Json[] | undefined) ?? []) {
    const before = JSON.stringify(result);
    result = result.map((object) => setImage(object, image));
    // kustomize skips an entry that matches no container; here it is a mistake worth a failure.
    if (JSON.stringify(result) === before) {
      throw new Error(
        `the images entry ${String(image.name)} in ${directory} matches no container`,
      );
    }
  }

  return result;
}

function applyPatchEntry(objects: KubernetesObject[], entry: Json, directory: string) {
  if (entry.target !== undefined || entry.options !== undefined) {
    throw new Error(`a patch in ${directory} has a target or options, which this reader ignores`);
  }
  const source = entry.path ? path.resolve(directory, entry.path as string) : undefined;
  const patches = source
    ? readYamlDocuments(source)
    : parseAllDocuments(String(entry.patch)).map((document) => document.toJS() as Json);
  let result = objects;
  for (const patch of patches) {
    result = applyStrategicMergePatch(result, patch, source ?? directory);
  }

  return result;
}

function applyStrategicMergePatch(objects: KubernetesObject[], patch: Json, origin: string) {
  const { $patch: directive, ...body } = patch;
  const target = asObject(body, origin);
  const index = objects.findIndex((object) => sameObject(object, target));
  if (index < 0) {
    throw new Error(`a patch in ${origin} targets ${describe(target)}, which is not in the build`);
  }
  if (directive === 'delete') {
    return objects.filter((_, position) => position !== index);
  }
  const custom = CUSTOM_GROUPS.has(target.apiVersion.split('/')[0]);
  const merged = mergeValue(objects[index], target, !custom) as KubernetesObject;

  return objects.map((object, position) => (position === index ? merged : object));
}

/** Merges a patch into a value: maps key by key, null deletes, lists by merge key or whole. */
function mergeValue(base: unknown, patch: unknown, strategic: boolean, field = ''): unknown {
  if (Array.isArray(patch)) {
    const key = MERGE_KEYS[field];
    if (!strategic || key === undefined || !Array.isArray(base)) {
      return structuredClone(patch);
    }

    return mergeList(base, patch, key);
  }
  if (!isObject(patch) || !isObject(base)) {
    return structuredClone(patch);
  }
  const result: Json = { ...base };
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[name];
    } else {
      result[name] = mergeValue(base[name], value, strategic, name);
    }
  }

  return result;
}

function mergeList(base: unknown[], patch: unknown[], key: string): unknown[] {
  const result = [...base];
  for (const element of patch) {
    const position = result.findIndex(
      (existing) => isObject(existing) && isObject(element) && existing[key] === element[key],
    );
    if (position < 0) {
      result.push(structuredClone(element));
    } else {
      result[position] = mergeValue(result[position], element, true);
    }
  }

  return result;
}

function setNamespace(object: KubernetesObject, namespace: string): KubernetesObject {
  if (CLUSTER_KINDS.has(object.kind)) {
    return object;
  }

  return { ...object, metadata: { ...object.metadata, namespace } };
}

/** Applies one `images` entry to the containers of a pod template. */
function setImage(object: KubernetesObject, image: Json): KubernetesObject {
  const copy = structuredClone(object);
  for (const container of podContainers(copy)) {
    const reference = String(container.image ?? '');
    const name = reference.split('@')[0].replace(/:[^:/]*$/, '');
    if (name !== image.name) {
      continue;
    }
    const tag = reference.slice(name.length);
    const newName = (image.newName as string | undefined) ?? name;
    container.image = image.newTag !== undefined ? `${newName}:${image.newTag}` : newName + tag;
  }

  return copy;
}

/** Containers and init containers of an object's pod template, or none. */
export function podContainers(object: KubernetesObject): Json[] {
  const spec = ((object.spec as Json | undefined)?.template as Json | undefined)?.spec as
    Json | undefined;

  return [
    ...((spec?.containers as Json[] | undefined) ?? []),
    ...((spec?.initContainers as Json[] | undefined) ?? []),
  ];
}

function sameObject(a: KubernetesObject, b: KubernetesObject): boolean {
  const group = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');

  return (
    a.kind === b.kind &&
    a.metadata.name === b.metadata.name &&
    group(a.apiVersion) === group(b.apiVersion)
  );
}

function asObject(document: Json, origin: string): KubernetesObject {
  const metadata = document.metadata as Json | undefined;
  if (typeof document.apiVersion !== 'string' || typeof document.kind !== 'string' || !metadata) {
    throw new Error(`${origin} contains a document without apiVersion, kind or metadata`);
  }

  return document as KubernetesObject;
}

/** Names an object the way kubectl does: `Kind/name`. */
export function describe(object: KubernetesObject): string {
  return `${object.kind}/${object.metadata.name}`;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
