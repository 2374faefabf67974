import { fixtureSpec } from './__testUtils__/specs';
import { portForwards } from './portForwards';

describe('portForwards', () => {
  it.each([
    ['8.8', 'camunda-web-modeler-webapp'],
    ['8.9', 'camunda-web-modeler-restapi'],
  ])('reaches the Web Modeler UI on %s through %s', (line, service) => {
    const spec = fixtureSpec('guide-full-8.9', input => {
      input.chart = line;
    });
    expect(
      portForwards(spec).find(forward => forward.label === 'Web Modeler'),
    ).toEqual({
      component: 'webModeler',
      label: 'Web Modeler',
      service,
      localPort: 8070,
      servicePort: 80,
    });
  });

  it('uses the release name and the port of a localhost URL', () => {
    const forwards = portForwards(fixtureSpec('usgov-8.9'));
    expect(
      forwards.map(f => `${f.service} ${f.localPort}:${f.servicePort}`),
    ).toEqual([
      'camunda-gov-identity 8084:80',
      'camunda-gov-zeebe-gateway 9080:8080',
      'camunda-gov-zeebe-gateway 26500:26500',
      'camunda-gov-optimize 8083:80',
    ]);
  });
});
