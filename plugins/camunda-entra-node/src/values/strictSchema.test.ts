import Ajv2020 from 'ajv/dist/2020';
import { makeStrictSchema } from './strictSchema';

const schema = {
  type: 'object',
  properties: {
    app: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        env: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              value: { nullable: true, anyOf: [{ type: 'string' }] },
            },
          },
        },
        labels: {
          type: 'object',
          patternProperties: { '.*': { type: 'string' } },
        },
      },
    },
    subchart: { type: 'object', properties: { enabled: { type: 'boolean' } } },
  },
};

function validator() {
  return new Ajv2020({ allErrors: true, strict: false }).compile(
    makeStrictSchema(schema, new Set(['subchart'])),
  );
}

describe('makeStrictSchema', () => {
  it('closes every object node, including inside arrays and combinators', () => {
    const validate = validator();
    expect(validate({ app: { name: 'x', typo: 1 } })).toBe(false);
    expect(validate({ unknown: true })).toBe(false);
    expect(validate({ app: { env: [{ value: 'v', extra: 1 }] } })).toBe(false);
    expect(validate({ app: { name: 'x', env: [{ value: 'v' }] } })).toBe(true);
  });

  it('leaves sub-chart roots and pattern-keyed maps open', () => {
    const validate = validator();
    expect(
      validate({ subchart: { enabled: true, anything: { goes: 1 } } }),
    ).toBe(true);
    expect(validate({ app: { labels: { team: 'a' } } })).toBe(true);
  });

  it('drops nullable without a type, which Ajv refuses to compile', () => {
    expect(() => new Ajv2020({ strict: false }).compile(schema)).toThrow(
      /nullable/,
    );
    expect(validator()).toBeInstanceOf(Function);
  });

  it('does not modify its input', () => {
    const before = JSON.stringify(schema);
    makeStrictSchema(schema, new Set());
    expect(JSON.stringify(schema)).toBe(before);
  });
});
