import { describe, expect, it } from 'vitest';
import { requestSource } from './security.ts';

const ownOrigin = 'https://concordat.example';

describe('where a request says it came from (decision 014)', () => {
  it.each([
    [{ origin: 'https://concordat.example' }, 'this-site'],
    [{ origin: 'https://CONCORDAT.example:443' }, 'this-site'],
    [{ origin: 'https://evil.example' }, 'elsewhere'],
    [{ origin: 'http://concordat.example' }, 'elsewhere'],
    [{ origin: 'https://concordat.example:8443' }, 'elsewhere'],
    [{ origin: 'https://meetings.concordat.example' }, 'elsewhere'],
    [{ origin: 'null' }, 'elsewhere'],
    [{ origin: 'https://concordat.example, https://evil.example' }, 'elsewhere'],
  ] as const)('Origin decides when it is sent: %j is %s', (headers, expected) => {
    expect(requestSource({ 'sec-fetch-site': 'same-origin', ...headers }, ownOrigin)).toBe(
      expected,
    );
  });

  it.each([
    ['same-origin', 'this-site'],
    ['same-site', 'elsewhere'],
    ['cross-site', 'elsewhere'],
    ['none', 'elsewhere'],
  ] as const)('without Origin, Sec-Fetch-Site: %s is %s', (fetchSite, expected) => {
    expect(
      requestSource({ 'sec-fetch-site': fetchSite, referer: `${ownOrigin}/account` }, ownOrigin),
    ).toBe(expected);
  });

  it.each([
    [`${ownOrigin}/meetings/1`, 'this-site'],
    ['https://evil.example/concordat.example', 'elsewhere'],
    ['not a url', 'elsewhere'],
  ] as const)('without either, the Referer %s is %s', (referer, expected) => {
    expect(requestSource({ referer }, ownOrigin)).toBe(expected);
  });

  it('with none of them the source is unstated: not a browser writing from another site', () => {
    expect(requestSource({}, ownOrigin)).toBe('unstated');
  });
});
