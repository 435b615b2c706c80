import assert from 'node:assert/strict';
import { test } from 'node:test';
import { brandList, collectClientHints, sfString, toClientHints } from '../../main/resources/META-INF/resources/sdk/v1/hints.mjs';

test('writes structured-field strings', () => {
  assert.equal(sfString('Windows'), '"Windows"');
  assert.equal(sfString('a"b\\c'), '"a\\"b\\\\c"');
  assert.equal(sfString(undefined), '""');
});

test('writes brand lists like the Sec-CH-UA headers', () => {
  assert.equal(
    brandList([{ brand: 'Chromium', version: '136.0.7103.59' }, { brand: 'Not.A/Brand', version: '99' }]),
    '"Chromium";v="136.0.7103.59", "Not.A/Brand";v="99"',
  );
  assert.equal(brandList(undefined), undefined);
});

test('turns userAgentData into Sec-CH-UA-* values', () => {
  assert.deepEqual(
    toClientHints({
      brands: [{ brand: 'Chromium', version: '136' }],
      fullVersionList: [{ brand: 'Chromium', version: '136.0.7103.59' }],
      mobile: false,
      platform: 'Windows',
      platformVersion: '15.0.0',
      model: '',
    }),
    {
      'Sec-CH-UA': '"Chromium";v="136"',
      'Sec-CH-UA-Full-Version-List': '"Chromium";v="136.0.7103.59"',
      'Sec-CH-UA-Mobile': '?0',
      'Sec-CH-UA-Platform': '"Windows"',
      'Sec-CH-UA-Platform-Version': '"15.0.0"',
      'Sec-CH-UA-Model': '""',
    },
  );
  assert.equal(toClientHints({ mobile: true })['Sec-CH-UA-Mobile'], '?1');
  assert.deepEqual(toClientHints(null), {});
});

test('asks the browser for high-entropy values, {} without userAgentData', async () => {
  const nav = {
    userAgentData: {
      brands: [{ brand: 'Chromium', version: '141' }],
      mobile: true,
      platform: 'Android',
      getHighEntropyValues: async (keys) => {
        assert.ok(keys.includes('platformVersion') && keys.includes('fullVersionList') && keys.includes('model'));
        return { platformVersion: '16.0.0', model: 'Pixel 9' };
      },
    },
  };
  const hints = await collectClientHints(nav);
  assert.equal(hints['Sec-CH-UA-Platform'], '"Android"');
  assert.equal(hints['Sec-CH-UA-Platform-Version'], '"16.0.0"');
  assert.equal(hints['Sec-CH-UA-Model'], '"Pixel 9"');
  assert.deepEqual(await collectClientHints({}), {}); // Safari, Firefox
  const refusing = { userAgentData: { platform: 'Linux', getHighEntropyValues: async () => { throw new Error('denied'); } } };
  assert.deepEqual(await collectClientHints(refusing), { 'Sec-CH-UA-Platform': '"Linux"' });
});
