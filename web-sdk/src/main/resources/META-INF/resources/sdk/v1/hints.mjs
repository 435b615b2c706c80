// User-Agent client hints from navigator.userAgentData, in the header format the server reads
// (the same names and structured-field values as the Sec-CH-UA-* request headers), sent as
// client.hints at password login (docs/architecture.md §5: Chrome's reduced User-Agent hides the real OS version).

export const HIGH_ENTROPY_HINTS = ['platformVersion', 'fullVersionList', 'model', 'architecture', 'bitness'];

/** A structured-field string: "Windows" with quotes, backslashes and quotes escaped. */
export function sfString(value) {
  return `"${String(value ?? '').replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** [{brand, version}] -> "Chromium";v="136", "Google Chrome";v="136" */
export function brandList(brands) {
  if (!Array.isArray(brands)) {
    return undefined;
  }
  return brands
    .filter((b) => b && typeof b.brand === 'string')
    .map((b) => `${sfString(b.brand)};v=${sfString(b.version ?? '')}`)
    .join(', ');
}

/** The values of userAgentData (low and high entropy) as Sec-CH-UA-* header values. */
export function toClientHints(data) {
  if (!data || typeof data !== 'object') {
    return {};
  }
  const hints = {};
  const put = (name, value) => {
    if (value !== undefined && value !== null) {
      hints[name] = value;
    }
  };
  put('Sec-CH-UA', brandList(data.brands));
  put('Sec-CH-UA-Full-Version-List', brandList(data.fullVersionList));
  if (typeof data.mobile === 'boolean') {
    put('Sec-CH-UA-Mobile', data.mobile ? '?1' : '?0');
  }
  if (typeof data.platform === 'string') {
    put('Sec-CH-UA-Platform', sfString(data.platform));
  }
  if (typeof data.platformVersion === 'string') {
    put('Sec-CH-UA-Platform-Version', sfString(data.platformVersion));
  }
  if (typeof data.model === 'string') {
    put('Sec-CH-UA-Model', sfString(data.model));
  }
  if (typeof data.architecture === 'string') {
    put('Sec-CH-UA-Arch', sfString(data.architecture));
  }
  if (typeof data.bitness === 'string') {
    put('Sec-CH-UA-Bitness', sfString(data.bitness));
  }
  return hints;
}

/** Asks the browser for its client hints; {} where there are none (Safari, Firefox). */
export async function collectClientHints(nav = globalThis.navigator) {
  const uaData = nav?.userAgentData;
  if (!uaData) {
    return {};
  }
  try {
    const high =
      typeof uaData.getHighEntropyValues === 'function'
        ? await uaData.getHighEntropyValues(HIGH_ENTROPY_HINTS)
        : {};
    return toClientHints({ brands: uaData.brands, mobile: uaData.mobile, platform: uaData.platform, ...high });
  } catch (error) {
    return toClientHints({ brands: uaData.brands, mobile: uaData.mobile, platform: uaData.platform });
  }
}
