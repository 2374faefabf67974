import { render } from '@testing-library/react';
import { BreakableUri } from './BreakableUri';

/** The rendered URI with each break opportunity shown as a `|`. */
function breaks(uri: string) {
  const { container } = render(<BreakableUri uri={uri} />);
  expect(container).toHaveTextContent(uri, { normalizeWhitespace: false });
  for (const segment of container.querySelectorAll('span')) {
    expect(getComputedStyle(segment).whiteSpace).toBe('nowrap');
  }
  return container.innerHTML
    .replaceAll('<wbr>', '|')
    .replace(/<\/?span[^>]*>/g, '');
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

  it('breaks inside no segment, not even at a hyphen', () => {
    expect(breaks('http://localhost:8084/auth/login-callback')).toBe(
      'http://|localhost:8084/|auth/|login-callback',
    );
    expect(breaks('urn:camunda')).toBe('urn:camunda');
  });
});
