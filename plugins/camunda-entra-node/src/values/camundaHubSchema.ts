/**
 * Declares chart 15.x's `camundaHub.*` overrides as the chart uses them, before the schema is
 * made strict. The chart deep-merges each of them over the deprecated `webModeler.*` map of the
 * same name (templates/camunda-hub/_helpers.tpl, "camundaHub.values") and renders Web Modeler's
 * templates from the result, but its schema leaves them open (`additionalProperties: true`):
 * checked as declared, a misspelt key under `camundaHub.restapi` would pass and be ignored. With
 * this, each open override takes the schema of the `webModeler` key it is merged over. Schemas
 * without `camundaHub` are returned unchanged.
 */
export function withCamundaHubOverrides(schema: object): object {
  const copy = structuredClone(schema) as any;
  const hub = copy.properties?.camundaHub?.properties;
  const webModeler = copy.properties?.webModeler?.properties;
  if (!hub || !webModeler) {
    return copy;
  }
  for (const [key, override] of Object.entries<any>(hub)) {
    if (override?.additionalProperties === true && webModeler[key]) {
      hub[key] = structuredClone(webModeler[key]);
    }
  }
  return copy;
}
