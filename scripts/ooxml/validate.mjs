// ooxml-validate: run the Open XML SDK validator (DocumentFormat.OpenXml 3.0.2,
// compiled to WebAssembly and shipped in the npm package @ooxml-tools/validate)
// over .docx files and print each finding as FILE:PART:LINE:COL: message.
//
// Invoked by scripts/validate-docx.sh (copied from ../shared/tools/ooxml-validate.d),
// which installs the npm package with npm ci and passes its entry point in OOXML_VALIDATE_LIB.
//
// Exit status: 0 no findings, 1 findings, 2 usage or setup problem.

import { readFileSync, statSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

const USAGE = `usage: ooxml-validate [--all] [--office=VERSION] FILE.docx [FILE2.docx ...]
  --all             also report the findings that are suppressed by default
                    (Open XML SDK checks that are stricter than ECMA-376 transitional; see README.md)
  --office=VERSION  Office version to validate for: Microsoft365 (default), Office2007,
                    Office2010, Office2013, Office2016, Office2019, Office2021`;

function die(msg) {
  process.stderr.write(`ooxml-validate: ${msg}\n`);
  process.exit(2);
}

// Prefixes the SDK writes in its XPaths, for namespaces a document may bind to other prefixes.
const CANON = {
  w: 'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  m: 'http://schemas.openxmlformats.org/officeDocument/2006/math',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  pic: 'http://schemas.openxmlformats.org/drawingml/2006/picture',
  wp: 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing',
  mc: 'http://schemas.openxmlformats.org/markup-compatibility/2006',
  v: 'urn:schemas-microsoft-com:vml',
  o: 'urn:schemas-microsoft-com:office:office',
  w10: 'urn:schemas-microsoft-com:office:word',
  w14: 'http://schemas.microsoft.com/office/word/2010/wordml',
  w15: 'http://schemas.microsoft.com/office/word/2012/wordml',
  wp14: 'http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing',
  wps: 'http://schemas.microsoft.com/office/word/2010/wordprocessingShape',
  wpg: 'http://schemas.microsoft.com/office/word/2010/wordprocessingGroup',
  wpc: 'http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas',
  ap: 'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties',
  op: 'http://schemas.openxmlformats.org/officeDocument/2006/custom-properties',
  vt: 'http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes',
  xml: 'http://www.w3.org/XML/1998/namespace',
};

// Findings where the SDK is stricter than the ECMA-376 transitional schema and
// Word 2010 and later open the file anyway. Not counted unless --all is given.
const SUPPRESS = [
  {
    why: "w:jc/w:lvlJc val 'start'/'end' (ST_Jc and ST_JcTable in ECMA-376 transitional allow them; LibreOffice writes them)",
    test: (e) => e.id === 'Sch_AttributeValueDataTypeDetailed' &&
      /\/w:(jc|lvlJc)\[\d+\]$/.test(e.path.xpath) &&
      /main:val' has invalid value '(start|end)'/.test(e.description),
  },
  {
    why: "w:charset characterSet (ST_String in ECMA-376 transitional; LibreOffice writes IANA names such as 'utf-8')",
    test: (e) => e.id === 'Sch_AttributeValueDataTypeDetailed' &&
      /\/w:charset\[\d+\]$/.test(e.path.xpath) &&
      /main:characterSet' has invalid value/.test(e.description),
  },
];

// ---- minimal ZIP reader (stored and deflated entries) ----
function readZip(buf) {
  const entries = new Map();
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let k = 0; k < count && p + 46 <= buf.length; k++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) break;
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nlen = buf.readUInt16LE(p + 28), xlen = buf.readUInt16LE(p + 30), clen = buf.readUInt16LE(p + 32);
    const lho = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nlen);
    entries.set(name.toLowerCase(), { name, method, csize, lho });
    p += 46 + nlen + xlen + clen;
  }
  return {
    names: () => [...entries.values()].map((e) => e.name),
    data(name) {
      const e = entries.get(name.toLowerCase());
      if (!e || buf.readUInt32LE(e.lho) !== 0x04034b50) return null;
      const start = e.lho + 30 + buf.readUInt16LE(e.lho + 26) + buf.readUInt16LE(e.lho + 28);
      const raw = buf.subarray(start, start + e.csize);
      return e.method === 0 ? raw : e.method === 8 ? inflateRawSync(raw) : null;
    },
    text(name) {
      const data = this.data(name);
      if (!data) return null;
      let s = data.toString('utf8');
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      return s;
    },
  };
}

// ---- minimal XML element tree with source offsets and namespaces ----
function parseXml(text) {
  const base = Object.create(null);
  base.xml = CANON.xml;
  const doc = { children: [], parent: null, nsmap: base };
  let cur = doc, i = 0;
  const n = text.length;
  const attrRe = /([^\s=\/>]+)\s*=\s*("[^"]*"|'[^']*')/g;
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    const c = text.charCodeAt(lt + 1);
    if (c === 63) { const e = text.indexOf('?>', lt + 2); i = e < 0 ? n : e + 2; continue; }
    if (c === 33) {
      let e;
      if (text.startsWith('<!--', lt)) { e = text.indexOf('-->', lt + 4); i = e < 0 ? n : e + 3; }
      else if (text.startsWith('<![CDATA[', lt)) { e = text.indexOf(']]>', lt + 9); i = e < 0 ? n : e + 3; }
      else { e = text.indexOf('>', lt + 2); i = e < 0 ? n : e + 1; }
      continue;
    }
    if (c === 47) {
      const e = text.indexOf('>', lt + 2);
      if (cur.parent) cur = cur.parent;
      i = e < 0 ? n : e + 1;
      continue;
    }
    let j = lt + 1, q = 0;
    for (; j < n; j++) {
      const ch = text.charCodeAt(j);
      if (q) { if (ch === q) q = 0; } else if (ch === 34 || ch === 39) q = ch; else if (ch === 62) break;
    }
    const selfClose = text.charCodeAt(j - 1) === 47;
    const body = text.slice(lt + 1, selfClose ? j - 1 : j);
    const qname = (/^[^\s\/>]+/.exec(body) || [''])[0];
    let nsmap = cur.nsmap, own = false, a;
    const attrs = [];
    attrRe.lastIndex = qname.length;
    while ((a = attrRe.exec(body))) {
      const an = a[1];
      if (an === 'xmlns' || an.startsWith('xmlns:')) {
        if (!own) { nsmap = Object.create(nsmap); own = true; }
        nsmap[an === 'xmlns' ? '' : an.slice(6)] = a[2].slice(1, -1);
      } else attrs.push([an, a[2].slice(1, -1)]);
    }
    const colon = qname.indexOf(':');
    const prefix = colon < 0 ? '' : qname.slice(0, colon);
    const local = colon < 0 ? qname : qname.slice(colon + 1);
    const node = { prefix, local, ns: nsmap[prefix] || '', offset: lt, parent: cur, children: [], nsmap,
      attrs, text: selfClose ? '' : text.slice(j + 1, Math.max(j + 1, text.indexOf('<', j + 1))) };
    cur.children.push(node);
    if (!selfClose) cur = node;
    i = j + 1;
  }
  let lines = null;
  doc.pos = (off) => {
    if (!lines) {
      lines = [0];
      for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) lines.push(k + 1);
    }
    let lo = 0, hi = lines.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (lines[mid] <= off) lo = mid; else hi = mid - 1; }
    return [lo + 1, off - lines[lo] + 1];
  };
  return doc;
}

function sameName(node, prefix, local) {
  if (node.local !== local) return false;
  if (node.prefix === prefix) return true;
  return CANON[prefix] !== undefined && node.ns === CANON[prefix];
}

// Follow an SDK XPath such as /w:document[1]/w:body[1]/w:p[3]/w:pPr[1]; returns the deepest element reached.
function resolve(doc, xpath) {
  let node = null, ctx = doc;
  for (const step of xpath.split('/').filter(Boolean)) {
    const m = /^(?:([^:\[\]]*):)?([^\[\]]+)(?:\[(\d+)\])?$/.exec(step);
    if (!m) break;
    const prefix = m[1] || '', local = m[2], idx = m[3] ? +m[3] : 1;
    let cands = ctx.children.filter((c) => sameName(c, prefix, local));
    if (cands.length < idx) cands = ctx.children.filter((c) => c.local === local);
    if (cands.length < idx) break;
    node = ctx = cands[idx - 1];
  }
  return node;
}

function prefixFor(ns, nsmap) {
  if (nsmap) for (const p in nsmap) if (p && nsmap[p] === ns) return p;
  for (const p in CANON) if (CANON[p] === ns) return p;
  return null;
}

// 'http://…/main:rFonts' -> 'w:rFonts' in SDK messages.
function shorten(desc, nsmap) {
  return desc.replace(/(['<])([a-z]+:[^'<>\s]*?):([A-Za-z_][\w.\-]*)(?=['>])/g, (all, q, ns, local) => {
    const p = prefixFor(ns, nsmap);
    return p ? `${q}${p}:${local}` : all;
  });
}

// ---- docProps/core.xml: the Open XML SDK has no schema for it, so check the
// rules of ECMA-376 Part 2 (opc-coreProperties.xsd and §11 M4.2, M4.5) here.
const NS_CP = 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties';
const NS_DC = 'http://purl.org/dc/elements/1.1/';
const NS_DCT = 'http://purl.org/dc/terms/';
const NS_XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const CORE_PROPS = new Set([
  ...['category', 'contentStatus', 'keywords', 'lastModifiedBy', 'lastPrinted', 'revision', 'version'].map((l) => `${NS_CP} ${l}`),
  ...['creator', 'description', 'identifier', 'language', 'subject', 'title'].map((l) => `${NS_DC} ${l}`),
  `${NS_DCT} created`, `${NS_DCT} modified`,
]);
const W3CDTF = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

function corePartName(zip) {
  const rels = zip.text('_rels/.rels');
  if (rels) {
    for (const r of parseXml(rels).children[0]?.children || []) {
      const type = r.attrs.find(([n]) => n === 'Type')?.[1] || '';
      const target = r.attrs.find(([n]) => n === 'Target')?.[1] || '';
      if (type.endsWith('/metadata/core-properties') && target) return target.replace(/^\//, '');
    }
  }
  return zip.text('docProps/core.xml') !== null ? 'docProps/core.xml' : null;
}

function checkCore(text) {
  const doc = parseXml(text), out = [];
  const name = (n) => `${prefixFor(n.ns, n.nsmap) ?? n.prefix}:${n.local}`.replace(/^:/, '');
  const report = (node, msg, xpath) => out.push({ node, msg, xpath });
  const root = doc.children[0];
  if (!root) return { doc, out: [{ node: null, msg: 'The part has no root element.', xpath: '' }] };
  if (root.ns !== NS_CP || root.local !== 'coreProperties') {
    report(root, `The root element '${name(root)}' is not cp:coreProperties in namespace ${NS_CP}.`, `/${name(root)}[1]`);
    return { doc, out };
  }
  const seen = new Set();
  const walk = (n, path) => {
    for (const [an, av] of n.attrs) {
      const ap = an.includes(':') ? an.slice(0, an.indexOf(':')) : '';
      if (ap && n.nsmap[ap] === CANON.mc) report(n, `The markup compatibility attribute '${an}' is not allowed in the core properties part.`, path);
      if (ap && n.nsmap[ap] === NS_XSI && an.endsWith(':type') && !(n.ns === NS_DCT && (n.local === 'created' || n.local === 'modified'))) {
        report(n, `The attribute '${an}' is only allowed on dcterms:created and dcterms:modified.`, path);
      }
    }
    if (n.ns === CANON.mc) report(n, `The markup compatibility element '${name(n)}' is not allowed in the core properties part.`, path);
  };
  walk(root, '/cp:coreProperties[1]');
  for (const c of root.children) {
    const key = `${c.ns} ${c.local}`;
    const xp = `/cp:coreProperties[1]/${name(c)}[${root.children.filter((d) => d.ns === c.ns && d.local === c.local).indexOf(c) + 1}]`;
    walk(c, xp);
    if (!CORE_PROPS.has(key)) { report(c, `The element has unexpected child element '${name(c)}'.`, xp); continue; }
    if (seen.has(key)) report(c, `The element '${name(c)}' occurs more than once.`, xp);
    seen.add(key);
    for (const g of c.children) {
      const ok = c.ns === NS_CP && c.local === 'keywords' && g.ns === NS_CP && g.local === 'value';
      if (!ok) report(g, `The element '${name(c)}' cannot contain child element '${name(g)}'.`, `${xp}/${name(g)}[1]`);
      else walk(g, `${xp}/cp:value`);
    }
    if (c.ns === NS_DCT) {
      const t = c.attrs.find(([an]) => an.includes(':') && c.nsmap[an.slice(0, an.indexOf(':'))] === NS_XSI && an.endsWith(':type'));
      const tv = t ? t[1] : '';
      const tp = tv.includes(':') ? tv.slice(0, tv.indexOf(':')) : '';
      if (!t || c.nsmap[tp] !== NS_DCT || tv.slice(tp.length + 1) !== 'W3CDTF') {
        report(c, `The element '${name(c)}' must have xsi:type="dcterms:W3CDTF".`, xp);
      }
      if (!W3CDTF.test(c.text.trim())) report(c, `The element '${name(c)}' has invalid value '${c.text.trim()}'; a W3CDTF date-time is expected.`, xp);
    }
  }
  return { doc, out };
}

// XML parts in the ZIP that no relationship reaches: the SDK does not look at them.
function unreachableParts(zip) {
  const seen = new Set(), todo = [''];
  while (todo.length) {
    const src = todo.pop();
    const dir = src.includes('/') ? src.slice(0, src.lastIndexOf('/') + 1) : '';
    const relsName = `${dir}_rels/${src.slice(dir.length)}.rels`;
    const rels = zip.text(relsName);
    if (!rels) continue;
    for (const r of parseXml(rels).children[0]?.children || []) {
      const get = (k) => r.attrs.find(([n]) => n === k)?.[1] || '';
      if (get('TargetMode') === 'External') continue;
      let t = get('Target');
      try { t = decodeURIComponent(t); } catch { /* keep as is */ }
      const parts = (t.startsWith('/') ? t.slice(1) : dir + t).split('/');
      const out = [];
      for (const x of parts) { if (x === '..') out.pop(); else if (x && x !== '.') out.push(x); }
      const name = out.join('/').toLowerCase();
      if (name && !seen.has(name)) { seen.add(name); todo.push(name); }
    }
  }
  return zip.names().filter((n) => /\.xml$/i.test(n) && !/\.rels$/i.test(n) &&
    n !== '[Content_Types].xml' && !seen.has(n.toLowerCase()));
}

// ---- parts that no relationship reaches ----
// The SDK only validates parts reached through relationships. WordprocessingML parts found
// unreferenced in the ZIP (for example a numbering.xml without its relationship) are linked
// from the main document in a copy of the package, so that their content is checked too.
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
const WML_CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml.';
const REL_BY_ROOT = { // root element -> [relationship type, content type]
  [`${CANON.w} numbering`]: [REL + 'numbering', WML_CT + 'numbering+xml'],
  [`${CANON.w} comments`]: [REL + 'comments', WML_CT + 'comments+xml'],
  [`${CANON.w} footnotes`]: [REL + 'footnotes', WML_CT + 'footnotes+xml'],
  [`${CANON.w} endnotes`]: [REL + 'endnotes', WML_CT + 'endnotes+xml'],
  [`${CANON.w} hdr`]: [REL + 'header', WML_CT + 'header+xml'],
  [`${CANON.w} ftr`]: [REL + 'footer', WML_CT + 'footer+xml'],
  [`${CANON.w} styles`]: [REL + 'styles', WML_CT + 'styles+xml'],
  [`${CANON.w} settings`]: [REL + 'settings', WML_CT + 'settings+xml'],
  [`${CANON.w} fonts`]: [REL + 'fontTable', WML_CT + 'fontTable+xml'],
  [`${CANON.w} webSettings`]: [REL + 'webSettings', WML_CT + 'webSettings+xml'],
  [`${CANON.a} theme`]: [REL + 'theme', 'application/vnd.openxmlformats-officedocument.theme+xml'],
  [`${CANON.w15} commentsEx`]: ['http://schemas.microsoft.com/office/2011/relationships/commentsExtended',
    WML_CT + 'commentsExtended+xml'],
};

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; t[n] = c; }
  return t;
})();
function crc32(b) { let c = -1; for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]) & 255] ^ (c >>> 8); return (c ^ -1) >>> 0; }

function writeZip(files) { // [[name, Buffer]] -> ZIP with stored entries
  const parts = [], central = [];
  let off = 0;
  for (const [name, data] of files) {
    const nb = Buffer.from(name, 'utf8'), crc = crc32(data);
    const lh = Buffer.alloc(30), ch = Buffer.alloc(46);
    lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(0x0800, 6); lh.writeUInt16LE(0x21, 12);
    lh.writeUInt32LE(crc, 14); lh.writeUInt32LE(data.length, 18); lh.writeUInt32LE(data.length, 22); lh.writeUInt16LE(nb.length, 26);
    ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt16LE(0x0800, 8); ch.writeUInt16LE(0x21, 14);
    ch.writeUInt32LE(crc, 16); ch.writeUInt32LE(data.length, 20); ch.writeUInt32LE(data.length, 24); ch.writeUInt16LE(nb.length, 28); ch.writeUInt32LE(off, 42);
    parts.push(lh, nb, data); central.push(ch, nb);
    off += 30 + nb.length + data.length;
  }
  const cd = Buffer.concat(central), end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(off, 16);
  return Buffer.concat([...parts, cd, end]);
}

// Returns { buf, linked } where buf has relationships added for the linkable orphans.
function linkOrphans(zip, orphans) {
  let types = zip.text('[Content_Types].xml') || '';
  const link = [];
  for (const name of orphans) {
    let root = null;
    try { root = parseXml(zip.text(name) || '').children[0]; } catch { root = null; }
    const rt = root && REL_BY_ROOT[`${root.ns} ${root.local}`];
    if (!rt || !types.includes('</Types>')) continue;
    link.push([name, rt[0]]);
    // Give the part its proper content type in the copy (an Override replaces the Default).
    const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    types = types.replace(new RegExp(`<Override[^>]*PartName="/${esc}"[^>]*/>`, 'i'), '')
      .replace('</Types>', `<Override PartName="/${name}" ContentType="${rt[1]}"/></Types>`);
  }
  if (!link.length) return { buf: null, linked: [] };
  let main = 'word/document.xml';
  const top = zip.text('_rels/.rels');
  if (top) {
    for (const r of parseXml(top).children[0]?.children || []) {
      const get = (k) => r.attrs.find(([n]) => n === k)?.[1] || '';
      if (get('Type').endsWith('/officeDocument')) main = get('Target').replace(/^\//, '');
    }
  }
  const dir = main.includes('/') ? main.slice(0, main.lastIndexOf('/') + 1) : '';
  const relsName = `${dir}_rels/${main.slice(dir.length)}.rels`;
  const extra = link.map(([name, type], k) => `<Relationship Id="rIdOoxmlValidate${k + 1}" Type="${type}" Target="/${name}"/>`).join('');
  let rels = zip.text(relsName);
  rels = rels && rels.includes('</Relationships>')
    ? rels.replace('</Relationships>', `${extra}</Relationships>`)
    : `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${extra}</Relationships>`;
  const skip = new Set([relsName.toLowerCase(), '[content_types].xml']);
  const files = zip.names().filter((n) => !skip.has(n.toLowerCase())).map((n) => [n, zip.data(n) || Buffer.alloc(0)]);
  files.unshift(['[Content_Types].xml', Buffer.from(types, 'utf8')]);
  files.push([relsName, Buffer.from(rels, 'utf8')]);
  return { buf: writeZip(files), linked: link.map(([name]) => name) };
}

async function main() {
  const args = process.argv.slice(2);
  let all = false, office = 'Microsoft365';
  const files = [];
  for (const a of args) {
    if (a === '--all') all = true;
    else if (a.startsWith('--office=')) office = a.slice(9);
    else if (a === '-h' || a === '--help') { process.stdout.write(USAGE + '\n'); process.exit(2); }
    else if (a.startsWith('-') && a !== '-') die(`unknown option ${a}\n${USAGE}`);
    else files.push(a);
  }
  if (files.length === 0) die(USAGE);
  for (const f of files) {
    let st;
    try { st = statSync(f); } catch { die(`${f}: no such file`); }
    if (!st.isFile()) die(`${f}: not a regular file`);
  }
  const lib = process.env.OOXML_VALIDATE_LIB;
  if (!lib) die('OOXML_VALIDATE_LIB is not set (run through the ooxml-validate script)');
  let mod, sdk;
  const store = new Map();
  try {
    mod = await import(pathToFileURL(lib).href);
    // Call the .NET export directly (rather than the package's validate()) so that
    // package-level findings, which carry no XPath, are reported instead of crashing.
    const api = await mod.ready();
    api.setModuleImports('index.js', { getFile: (id) => store.get(id) });
    sdk = (await api.getAssemblyExports(api.getConfig().mainAssemblyName)).Docxidator;
  } catch (e) { die(`cannot load the validator from ${lib}: ${e.message}`); }
  if (!mod.OFFICE_VERSIONS.includes(office)) die(`unknown Office version ${office}; one of ${mod.OFFICE_VERSIONS.join(', ')}`);

  let total = 0, suppressed = 0;
  const why = new Map();
  for (const file of files) {
    const buf = readFileSync(file);
    const zip = buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50 ? readZip(buf) : null;
    let found, orphans = [], linked = [];
    try {
      if (!zip) throw new Error('not a ZIP package');
      let input = buf;
      try {
        orphans = unreachableParts(zip);
        const res = orphans.length ? linkOrphans(zip, orphans) : { buf: null };
        if (res.buf) { input = res.buf; linked = res.linked; }
      } catch { orphans = []; linked = []; input = buf; }
      store.set(1, new Uint8Array(input));
      found = (JSON.parse(sdk.Process(1, 'docx', office)) || []).map((e) => ({
        id: e.Id, description: e.Description,
        path: { xpath: (e.Path && e.Path.XPath) || '', partUri: (e.Path && e.Path.PartUri) || '' },
      }));
    } catch (e) {
      const msg = String(e && e.message ? e.message : e).split('\n')[0];
      process.stdout.write(`${file}:-:0:0: cannot be opened as a WordprocessingML package: ${msg}\n`);
      total++;
      continue;
    }
    const out = [];
    const trees = new Map();
    for (const e of found) {
      const rule = all ? null : SUPPRESS.find((r) => r.test(e));
      if (rule) { suppressed++; why.set(rule.why, (why.get(rule.why) || 0) + 1); continue; }
      const part = (e.path.partUri || '').replace(/^\//, '') || '-';
      let xpath = e.path.xpath || '';
      let line = 0, col = 0, nsmap = null;
      if (!trees.has(part)) {
        let t = null;
        try { const s = part !== '-' && zip.text(part); if (s) t = parseXml(s); } catch { t = null; }
        trees.set(part, t);
      }
      const doc = trees.get(part);
      if (doc) {
        let node = xpath ? resolve(doc, xpath) : null;
        const cm = /child element '([^']+)'/.exec(e.description);
        if (node && cm) {
          const full = cm[1], k = full.lastIndexOf(':');
          const ns = k > 0 ? full.slice(0, k) : null, local = full.slice(k + 1);
          const kid = node.children.find((c) => c.local === local && (ns === null || c.ns === ns));
          if (kid) {
            const idx = node.children.filter((c) => c.local === kid.local && c.ns === kid.ns).indexOf(kid) + 1;
            xpath += `/${prefixFor(kid.ns, kid.nsmap) ?? kid.prefix}:${kid.local}[${idx}]`.replace(/^\/:/, '/');
            node = kid;
          }
        }
        if (node) { [line, col] = doc.pos(node.offset); nsmap = node.nsmap; }
        else if (doc.children[0]) nsmap = doc.children[0].nsmap;
      }
      const lp = !line && /Line (\d+), position (\d+)/.exec(e.description); // XML parse errors
      if (lp) { line = +lp[1]; col = +lp[2]; }
      const where = (xpath ? ` (at ${xpath})` : '') +
        (linked.some((l) => l.toLowerCase() === part.toLowerCase()) ? ' [part not referenced by any relationship]' : '');
      out.push({ part, line, col, text: `${file}:${part}:${line}:${col}: ${shorten(e.description, nsmap)}${where}` });
    }
    let corePart = null;
    try { corePart = corePartName(zip); } catch { corePart = null; }
    const coreText = corePart && zip.text(corePart);
    if (coreText) {
      let res;
      try { res = checkCore(coreText); } catch (e) { res = { doc: null, out: [{ node: null, msg: `cannot be parsed: ${e.message}`, xpath: '' }] }; }
      for (const f of res.out) {
        const [line, col] = f.node && res.doc ? res.doc.pos(f.node.offset) : [0, 0];
        out.push({ part: corePart, line, col, text: `${file}:${corePart}:${line}:${col}: ${f.msg}${f.xpath ? ` (at ${f.xpath})` : ''}` });
      }
    }
    if (orphans.length) {
      process.stderr.write(`ooxml-validate: ${file}: no relationship reaches ${orphans.join(', ')} (Word ignores such parts)` +
        (linked.length ? `; checked anyway: ${linked.join(', ')}` : '') +
        (orphans.length > linked.length ? `; not checked: ${orphans.filter((o) => !linked.includes(o)).join(', ')}` : '') + '\n');
    }
    if (found.length >= 1000) process.stderr.write(`ooxml-validate: ${file}: the Open XML SDK stops at 1000 findings; there may be more\n`);
    out.sort((x, y) => (x.part < y.part ? -1 : x.part > y.part ? 1 : x.line - y.line || x.col - y.col));
    for (const o of out) process.stdout.write(o.text + '\n');
    total += out.length;
  }
  if (suppressed) {
    process.stderr.write(`ooxml-validate: ${suppressed} finding(s) not counted (Open XML SDK stricter than ECMA-376 transitional; --all shows them):\n`);
    for (const [w, c] of why) process.stderr.write(`  ${c} x ${w}\n`);
  }
  process.stdout.write(`${total} errors\n`);
  process.exit(total ? 1 : 0);
}

main().catch((e) => die(`internal error: ${e && e.stack ? e.stack : e}`));
