import { render } from '@testing-library/react';
import { BreakableUri } from './BreakableUri';

/** The rendered URI with each break opportunity shown as a `|`. */
function breaks(uri: string) {
  const { container } = render(<BreakableUri uri={uri} />);
  expect(container).toHaveTextContent(uri, { normalizeWhitespace: false });
  return container.innerHTML.replaceAll('<wbr>', '|');
}

describe('BreakableUri', () => {
  it('offers a break after each path slash, not inside the scheme separator', () => {
    expect(
      breaks('https://optimize.example.com/api/authentication/callback'),
    ).toBe('https://|optimize.example.com/|api/|authentication/|callback');
  });

  it('offers a break before the query and the fragment', () => {
    expect(breaks('https://console.example.com/login?next=/home#top')).toBe(
      'https://|console.example.com/|login|?next=/|home|#top',
    );
  });

  it('leaves a URI without boundaries whole', () => {
    expect(breaks('urn:camunda')).toBe('urn:camunda');
  });
});
