import { parse } from 'yaml';
import { StepFailure } from './failure';
import { RenderedContainer } from './rendered';

/** Spring Boot's canonical form of a property name segment: `user-info-enabled` = `userInfoEnabled`. */
const canonical = (name: string) => name.toLowerCase().replace(/[-_]/g, '');

/** The environment variable Spring Boot binds to a property (relaxed binding). */
export function environmentName(path: string): string {
  return path.replace(/-/g, '').replace(/\./g, '_').toUpperCase();
}

function lookupSegments(node: unknown, segments: string[]): unknown {
  if (segments.length === 0) {
    return node;
  }
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    return undefined;
  }
  for (const [key, value] of Object.entries(node)) {
    // Spring flattens YAML: `a.b: x` is `a: { b: x }`.
    const parts = key.split('.').map(canonical);
    const matches = parts.every(
      (part, i) => i < segments.length && part === canonical(segments[i]),
    );
    const found = matches
      ? lookupSegments(value, segments.slice(parts.length))
      : undefined;
    if (found !== undefined) {
      return found;
    }
  }
  return undefined;
}

/** A property of a parsed YAML document by its dotted path, in any of Spring's spellings. */
export function lookup(document: unknown, path: string): unknown {
  return lookupSegments(document, path.split('.'));
}

/**
 * The configuration a Spring Boot component runs with: its mounted `application.yaml`, the
 * files that one imports (`spring.config.import`, which override it, later ones more), and
 * the container's environment over both; `${VAR:default}` placeholders resolved from the
 * environment (Secrets included).
 */
export class SpringConfig {
  private constructor(
    private readonly container: RenderedContainer,
    /** Highest precedence first. */
    private readonly documents: unknown[],
  ) {}

  static load(container: RenderedContainer, path: string): SpringConfig {
    const base = container.yamlFile(path);
    const imports = lookup(base, 'spring.config.import');
    const locations = (
      Array.isArray(imports) ? imports : String(imports ?? '').split(',')
    )
      .map(location => String(location).trim())
      .filter(Boolean);
    const imported = locations.flatMap(location => {
      const file = location.replace(/^optional:/, '').replace(/^file:/, '');
      const text = container.file(file);
      if (text === undefined && !location.startsWith('optional:')) {
        throw new StepFailure(
          'configuration',
          `${container.workload} imports ${file}, which is not mounted`,
        );
      }
      return text === undefined ? [] : [parse(text) ?? {}];
    });
    return new SpringConfig(container, [...imported.reverse(), base]);
  }

  /** A scalar property, undefined when not set anywhere. */
  get(path: string): string | undefined {
    const fromEnv = this.container.env(environmentName(path));
    if (fromEnv !== undefined) {
      return this.resolve(fromEnv, path);
    }
    for (const document of this.documents) {
      const value = lookup(document, path);
      if (value !== undefined && value !== null && typeof value !== 'object') {
        return this.resolve(String(value), path);
      }
    }
    return undefined;
  }

  /** A list property: indexed environment variables, a YAML list or a comma-separated value. */
  list(path: string): string[] {
    const name = environmentName(path);
    const indexed: string[] = [];
    for (let i = 0; ; i++) {
      const value =
        this.container.env(`${name}_${i}`) ??
        this.container.env(`${name}_${i}_`);
      if (value === undefined) {
        break;
      }
      indexed.push(this.resolve(value, path));
    }
    if (indexed.length > 0) {
      return indexed;
    }
    const fromEnv = this.container.env(name);
    if (fromEnv === undefined) {
      for (const document of this.documents) {
        const value = lookup(document, path);
        if (Array.isArray(value)) {
          return value.map(item => this.resolve(String(item), path));
        }
        if (
          value !== undefined &&
          value !== null &&
          typeof value !== 'object'
        ) {
          return this.splitList(String(value), path);
        }
      }
      return [];
    }
    return this.splitList(fromEnv, path);
  }

  /** A structured property (maps, lists of objects) from the files, placeholders left as they are. */
  tree(path: string): unknown {
    for (const document of this.documents) {
      const value = lookup(document, path);
      if (value !== undefined && value !== null) {
        return value;
      }
    }
    return undefined;
  }

  private splitList(value: string, path: string): string[] {
    return this.resolve(value, path)
      .split(',')
      .map(item => item.trim())
      .filter(Boolean);
  }

  private resolve(value: string, path: string): string {
    return value.replace(
      /\$\{([^}:]+)(?::([^}]*))?\}/g,
      (_, name: string, fallback?: string) => {
        const resolved = this.container.env(name) ?? fallback;
        if (resolved === undefined) {
          throw new StepFailure(
            'configuration',
            `${this.container.workload} cannot resolve \${${name}} in ${path}`,
          );
        }
        return resolved;
      },
    );
  }
}
