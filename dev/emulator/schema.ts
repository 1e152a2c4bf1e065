/**
 * A validator over Google's discovery schemas that answers the way Google's JSON front end (ESF) does:
 * unknown names, wrong types and bad enum values become BadRequest field violations with ESF's wording and
 * proto (snake_case) paths. Like the proto3 JSON parser, it accepts snake_case field names, numbers as
 * strings, enum numbers, null for "absent" and URL-safe or unpadded base64. It returns the body normalised to
 * camelCase so the model rules only deal with one spelling.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FieldViolation } from './errors';

export interface DiscoverySchema {
  readonly id?: string;
  readonly type?: string;
  readonly format?: string;
  readonly $ref?: string;
  readonly properties?: Readonly<Record<string, DiscoverySchema>>;
  readonly items?: DiscoverySchema;
  readonly additionalProperties?: DiscoverySchema;
  readonly enum?: readonly string[];
}

export interface DiscoveryDocument {
  readonly id: string;
  readonly revision: string;
  readonly schemas: Readonly<Record<string, DiscoverySchema>>;
}

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const discoveryPath = path.resolve(repoRoot, '../shared/reference/generativelanguage-v1beta.discovery.json');

let loaded: DiscoveryDocument | undefined;

export function loadDiscovery(): DiscoveryDocument {
  loaded ??= JSON.parse(readFileSync(discoveryPath, 'utf8')) as DiscoveryDocument;
  return loaded;
}

const PACKAGE = 'type.googleapis.com/google.ai.generativelanguage.v1beta.';

/** Enum type names where the proto name differs from "<Message>.<Field>". */
const ENUM_NAMES: Readonly<Record<string, string>> = {
  'GenerationConfig.responseModalities': 'GenerationConfig.Modality',
  'SafetySetting.category': 'HarmCategory',
  'SafetySetting.threshold': 'SafetySetting.HarmBlockThreshold',
  'ModalityTokenCount.modality': 'Modality',
};

const SCALAR_TYPES: Readonly<Record<string, string>> = {
  int32: 'TYPE_INT32',
  uint32: 'TYPE_UINT32',
  int64: 'TYPE_INT64',
  uint64: 'TYPE_UINT64',
  float: 'TYPE_FLOAT',
  double: 'TYPE_DOUBLE',
  byte: 'TYPE_BYTES',
  'google-datetime': 'type.googleapis.com/google.protobuf.Timestamp',
  'google-duration': 'type.googleapis.com/google.protobuf.Duration',
};

export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Accepts standard and URL-safe alphabets, with or without padding, like proto3 JSON parsers. */
export function isBase64(value: string): boolean {
  if (value.length % 4 === 1) return false;
  return /^[A-Za-z0-9+/_-]*={0,2}$/.test(value);
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}...` : value);
  return String(value);
}

interface Location {
  /** Proto path of the value, e.g. `contents[0].parts[1].inline_data`; '' at the root. */
  readonly path: string;
  /** Path of the enclosing message and the name the value was given under, for "Unknown name" messages. */
  readonly parent: string;
  readonly key: string;
  /** `Message.field` of the declaring property, for enum type names. */
  readonly owner: string;
}

const ABSENT = Symbol('absent');

export class SchemaValidator {
  constructor(private readonly schemas: Readonly<Record<string, DiscoverySchema>>) {}

  /** Validates `value` as the schema `root` (e.g. "GenerateContentRequest"). */
  validate(value: unknown, root: string): { readonly value: unknown; readonly violations: readonly FieldViolation[] } {
    const schema = this.schemas[root];
    if (schema === undefined) throw new Error(`No schema ${root} in the discovery document`);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return {
        value: undefined,
        violations: [{ description: 'Invalid JSON payload received. Root element must be a message.' }],
      };
    }
    const violations: FieldViolation[] = [];
    const normalised = this.message(
      value as Record<string, unknown>,
      schema,
      { path: '', parent: '', key: '', owner: root },
      violations,
    );
    return { value: normalised, violations };
  }

  private resolve(schema: DiscoverySchema): DiscoverySchema {
    if (schema.$ref === undefined) return schema;
    const target = this.schemas[schema.$ref];
    if (target === undefined) throw new Error(`Dangling $ref ${schema.$ref}`);
    return target;
  }

  private message(
    value: Record<string, unknown>,
    schema: DiscoverySchema,
    at: Location,
    out: FieldViolation[],
  ): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const properties = schema.properties ?? {};
    for (const [key, child] of Object.entries(value)) {
      if (schema.additionalProperties !== undefined && schema.properties === undefined) {
        const checked = this.check(child, schema.additionalProperties, this.child(at, key, key, schema), out);
        if (checked !== ABSENT) result[key] = checked;
        continue;
      }
      const name = properties[key] !== undefined ? key : this.camelFor(properties, key);
      const property = name === undefined ? undefined : properties[name];
      if (name === undefined || property === undefined) {
        out.push(this.unknownName(at.path, key, 'Cannot find field.'));
        continue;
      }
      const checked = this.check(child, property, this.child(at, key, name, schema), out);
      if (checked !== ABSENT) result[name] = checked;
    }
    return result;
  }

  private camelFor(properties: Readonly<Record<string, DiscoverySchema>>, key: string): string | undefined {
    return Object.keys(properties).find((name) => snakeCase(name) === key);
  }

  private child(at: Location, key: string, name: string, schema: DiscoverySchema): Location {
    const segment = snakeCase(name);
    return {
      path: at.path === '' ? segment : `${at.path}.${segment}`,
      parent: at.path,
      key,
      owner: `${schema.id ?? ''}.${name}`,
    };
  }

  private unknownName(parent: string, key: string, reason: string): FieldViolation {
    const where = parent === '' ? '' : ` at '${parent}'`;
    const description = `Invalid JSON payload received. Unknown name "${key}"${where}: ${reason}`;
    return parent === '' ? { description } : { field: parent, description };
  }

  private invalidValue(at: Location, type: string, value: unknown): FieldViolation {
    return { field: at.path, description: `Invalid value at '${at.path}' (${type}), ${show(value)}` };
  }

  private check(value: unknown, declared: DiscoverySchema, at: Location, out: FieldViolation[]): unknown {
    if (value === null || value === undefined) return ABSENT;
    const schema = this.resolve(declared);
    if (schema.type === 'any') return value;
    if (schema.type === 'array') {
      const items = schema.items ?? { type: 'any' };
      if (!Array.isArray(value)) {
        out.push(this.invalidValue(at, this.typeName(this.resolve(items), at), value));
        return ABSENT;
      }
      return value
        .map((item, index) => this.check(item, items, { ...at, path: `${at.path}[${index}]` }, out))
        .filter((item) => item !== ABSENT);
    }
    if (Array.isArray(value)) {
      out.push(this.unknownName(at.parent, at.key, 'Proto field is not repeating, cannot start list.'));
      return ABSENT;
    }
    if (schema.type === 'object') {
      if (typeof value !== 'object') {
        out.push(this.invalidValue(at, this.typeName(schema, at), value));
        return ABSENT;
      }
      return this.message(value as Record<string, unknown>, schema, at, out);
    }
    if (typeof value === 'object') {
      out.push(this.unknownName(at.parent, at.key, 'Starting an object on a scalar field.'));
      return ABSENT;
    }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return ABSENT;
    return this.scalar(value, schema, at, out);
  }

  private typeName(schema: DiscoverySchema, at: Location): string {
    if (schema.type === 'object') return `${PACKAGE}${schema.id ?? 'Struct'}`;
    if (schema.enum !== undefined) return `${PACKAGE}${ENUM_NAMES[at.owner] ?? enumName(at.owner)}`;
    if (schema.type === 'boolean') return 'TYPE_BOOL';
    return SCALAR_TYPES[schema.format ?? ''] ?? (schema.type === 'string' ? 'TYPE_STRING' : 'TYPE_DOUBLE');
  }

  private scalar(
    value: string | number | boolean,
    schema: DiscoverySchema,
    at: Location,
    out: FieldViolation[],
  ): unknown {
    const bad = (description = `Invalid value at '${at.path}' (${this.typeName(schema, at)}), ${show(value)}`) => {
      out.push({ field: at.path, description });
      return ABSENT;
    };
    switch (schema.type) {
      case 'boolean':
        return typeof value === 'boolean' ? value : bad();
      case 'integer': {
        const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
        if (typeof number !== 'number' || !Number.isInteger(number)) return bad();
        const [min, max] = schema.format === 'uint32' ? [0, 2 ** 32 - 1] : [-(2 ** 31), 2 ** 31 - 1];
        return number < min || number > max ? bad() : number;
      }
      case 'number':
        if (typeof value === 'number') return value;
        if (typeof value === 'string' && ['NaN', 'Infinity', '-Infinity'].includes(value)) return Number(value);
        if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
        return bad();
      case 'string':
        break;
      default:
        return value;
    }
    if (schema.enum !== undefined) {
      if (typeof value === 'string') return schema.enum.includes(value) ? value : bad();
      // proto3 JSON also accepts an enum's number.
      if (typeof value === 'number' && Number.isInteger(value)) return schema.enum[value] ?? bad();
      return bad();
    }
    switch (schema.format) {
      case 'int64':
      case 'uint64':
        if (typeof value === 'number' && Number.isInteger(value)) return String(value);
        return typeof value === 'string' && /^-?\d+$/.test(value) ? value : bad();
      case 'byte':
        if (typeof value !== 'string') return bad();
        // For undecodable base64 ESF names the failure instead of the type.
        return isBase64(value)
          ? value
          : bad(`Invalid value at '${at.path}' (TYPE_BYTES), Base64 decoding failed for ${show(value)}`);
      case 'google-datetime':
        return typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value) && !Number.isNaN(Date.parse(value))
          ? value
          : bad();
      case 'google-duration':
        return typeof value === 'string' && /^-?\d+(\.\d{1,9})?s$/.test(value) ? value : bad();
      default:
        return typeof value === 'string' ? value : bad();
    }
  }
}

function enumName(owner: string): string {
  const [message = '', field = ''] = owner.split('.');
  return `${message}.${field.charAt(0).toUpperCase()}${field.slice(1)}`;
}

/**
 * A copy of the schemas with some properties removed or added, for API surfaces that differ from v1beta:
 * v1 lacks the image fields, and Vertex AI's ImageConfig has output and people options the Gemini API lacks.
 */
export function overlay(
  schemas: Readonly<Record<string, DiscoverySchema>>,
  changes: Readonly<
    Record<string, { readonly remove?: readonly string[]; readonly add?: Readonly<Record<string, DiscoverySchema>> }>
  >,
): Record<string, DiscoverySchema> {
  const result: Record<string, DiscoverySchema> = { ...schemas };
  for (const [id, change] of Object.entries(changes)) {
    const base = schemas[id];
    if (base === undefined) throw new Error(`No schema ${id} to overlay`);
    const properties: Record<string, DiscoverySchema> = { ...(base.properties ?? {}), ...(change.add ?? {}) };
    for (const name of change.remove ?? []) delete properties[name];
    result[id] = { ...base, properties };
  }
  return result;
}
