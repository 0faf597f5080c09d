/**
 * The Latin encodings of simple fonts and the Unicode values of their glyph names, as pdfjs
 * has them (pdfjs-dist's encodings.js and glyphlist.js, which follow the PDF specification's
 * Appendix D and the Adobe Glyph List), limited to the names these encodings use: a glyph
 * name outside this set is one the own text reader leaves to pdfjs.
 *
 * pdf.js: Copyright Mozilla Foundation and others, Apache License 2.0 (see README).
 */

/** Glyph names by code 0–255, space-separated; `.` for a code without a glyph. */
function encoding(names: string): readonly string[] {
  return names.split(' ').map((name) => (name === '.' ? '' : name));
}

export const STANDARD_ENCODING = encoding(
  '. . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . space exclam quotedbl numbersign ' +
  'dollar percent ampersand quoteright parenleft parenright asterisk plus comma hyphen period slash ' +
  'zero one two three four five six seven eight nine colon semicolon less equal greater question at A B ' +
  'C D E F G H I J K L M N O P Q R S T U V W X Y Z bracketleft backslash bracketright asciicircum ' +
  'underscore quoteleft a b c d e f g h i j k l m n o p q r s t u v w x y z braceleft bar braceright ' +
  'asciitilde . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . exclamdown cent ' +
  'sterling fraction yen florin section currency quotesingle quotedblleft guillemotleft guilsinglleft ' +
  'guilsinglright fi fl . endash dagger daggerdbl periodcentered . paragraph bullet quotesinglbase ' +
  'quotedblbase quotedblright guillemotright ellipsis perthousand . questiondown . grave acute ' +
  'circumflex tilde macron breve dotaccent dieresis . ring cedilla . hungarumlaut ogonek caron emdash . ' +
  '. . . . . . . . . . . . . . . AE . ordfeminine . . . . Lslash Oslash OE ordmasculine . . . . . ae . ' +
  '. . dotlessi . . lslash oslash oe germandbls . . . .',
);

export const WIN_ANSI_ENCODING = encoding(
  '. . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . space exclam quotedbl numbersign ' +
  'dollar percent ampersand quotesingle parenleft parenright asterisk plus comma hyphen period slash ' +
  'zero one two three four five six seven eight nine colon semicolon less equal greater question at A B ' +
  'C D E F G H I J K L M N O P Q R S T U V W X Y Z bracketleft backslash bracketright asciicircum ' +
  'underscore grave a b c d e f g h i j k l m n o p q r s t u v w x y z braceleft bar braceright ' +
  'asciitilde bullet Euro bullet quotesinglbase florin quotedblbase ellipsis dagger daggerdbl ' +
  'circumflex perthousand Scaron guilsinglleft OE bullet Zcaron bullet bullet quoteleft quoteright ' +
  'quotedblleft quotedblright bullet endash emdash tilde trademark scaron guilsinglright oe bullet ' +
  'zcaron Ydieresis space exclamdown cent sterling currency yen brokenbar section dieresis copyright ' +
  'ordfeminine guillemotleft logicalnot hyphen registered macron degree plusminus twosuperior ' +
  'threesuperior acute mu paragraph periodcentered cedilla onesuperior ordmasculine guillemotright ' +
  'onequarter onehalf threequarters questiondown Agrave Aacute Acircumflex Atilde Adieresis Aring AE ' +
  'Ccedilla Egrave Eacute Ecircumflex Edieresis Igrave Iacute Icircumflex Idieresis Eth Ntilde Ograve ' +
  'Oacute Ocircumflex Otilde Odieresis multiply Oslash Ugrave Uacute Ucircumflex Udieresis Yacute Thorn ' +
  'germandbls agrave aacute acircumflex atilde adieresis aring ae ccedilla egrave eacute ecircumflex ' +
  'edieresis igrave iacute icircumflex idieresis eth ntilde ograve oacute ocircumflex otilde odieresis ' +
  'divide oslash ugrave uacute ucircumflex udieresis yacute thorn ydieresis',
);

export const MAC_ROMAN_ENCODING = encoding(
  '. . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . space exclam quotedbl numbersign ' +
  'dollar percent ampersand quotesingle parenleft parenright asterisk plus comma hyphen period slash ' +
  'zero one two three four five six seven eight nine colon semicolon less equal greater question at A B ' +
  'C D E F G H I J K L M N O P Q R S T U V W X Y Z bracketleft backslash bracketright asciicircum ' +
  'underscore grave a b c d e f g h i j k l m n o p q r s t u v w x y z braceleft bar braceright ' +
  'asciitilde . Adieresis Aring Ccedilla Eacute Ntilde Odieresis Udieresis aacute agrave acircumflex ' +
  'adieresis atilde aring ccedilla eacute egrave ecircumflex edieresis iacute igrave icircumflex ' +
  'idieresis ntilde oacute ograve ocircumflex odieresis otilde uacute ugrave ucircumflex udieresis ' +
  'dagger degree cent sterling section bullet paragraph germandbls registered copyright trademark acute ' +
  'dieresis notequal AE Oslash infinity plusminus lessequal greaterequal yen mu partialdiff summation ' +
  'product pi integral ordfeminine ordmasculine Omega ae oslash questiondown exclamdown logicalnot ' +
  'radical florin approxequal Delta guillemotleft guillemotright ellipsis space Agrave Atilde Otilde OE ' +
  'oe endash emdash quotedblleft quotedblright quoteleft quoteright divide lozenge ydieresis Ydieresis ' +
  'fraction currency guilsinglleft guilsinglright fi fl daggerdbl periodcentered quotesinglbase ' +
  'quotedblbase perthousand Acircumflex Ecircumflex Aacute Edieresis Egrave Iacute Icircumflex ' +
  'Idieresis Igrave Oacute Ocircumflex apple Ograve Uacute Ucircumflex Ugrave dotlessi circumflex tilde ' +
  'macron breve dotaccent ring cedilla hungarumlaut ogonek caron',
);

/** Unicode values of the glyph names above (`name:hex`). */
export const GLYPH_UNICODES: ReadonlyMap<string, number> = new Map(
  (
    'A:41 AE:c6 Aacute:c1 Acircumflex:c2 Adieresis:c4 Agrave:c0 Aring:c5 Atilde:c3 B:42 C:43 Ccedilla:c7 ' +
    'D:44 Delta:2206 E:45 Eacute:c9 Ecircumflex:ca Edieresis:cb Egrave:c8 Eth:d0 Euro:20ac F:46 G:47 H:48 ' +
    'I:49 Iacute:cd Icircumflex:ce Idieresis:cf Igrave:cc J:4a K:4b L:4c Lslash:141 M:4d N:4e Ntilde:d1 ' +
    'O:4f OE:152 Oacute:d3 Ocircumflex:d4 Odieresis:d6 Ograve:d2 Omega:2126 Oslash:d8 Otilde:d5 P:50 Q:51 ' +
    'R:52 S:53 Scaron:160 T:54 Thorn:de U:55 Uacute:da Ucircumflex:db Udieresis:dc Ugrave:d9 V:56 W:57 ' +
    'X:58 Y:59 Yacute:dd Ydieresis:178 Z:5a Zcaron:17d a:61 aacute:e1 acircumflex:e2 acute:b4 ' +
    'adieresis:e4 ae:e6 agrave:e0 ampersand:26 apple:f8ff approxequal:2248 aring:e5 asciicircum:5e ' +
    'asciitilde:7e asterisk:2a at:40 atilde:e3 b:62 backslash:5c bar:7c braceleft:7b braceright:7d ' +
    'bracketleft:5b bracketright:5d breve:2d8 brokenbar:a6 bullet:2022 c:63 caron:2c7 ccedilla:e7 ' +
    'cedilla:b8 cent:a2 circumflex:2c6 colon:3a comma:2c copyright:a9 currency:a4 d:64 dagger:2020 ' +
    'daggerdbl:2021 degree:b0 dieresis:a8 divide:f7 dollar:24 dotaccent:2d9 dotlessi:131 e:65 eacute:e9 ' +
    'ecircumflex:ea edieresis:eb egrave:e8 eight:38 ellipsis:2026 emdash:2014 endash:2013 equal:3d eth:f0 ' +
    'exclam:21 exclamdown:a1 f:66 fi:fb01 five:35 fl:fb02 florin:192 four:34 fraction:2044 g:67 ' +
    'germandbls:df grave:60 greater:3e greaterequal:2265 guillemotleft:ab guillemotright:bb ' +
    'guilsinglleft:2039 guilsinglright:203a h:68 hungarumlaut:2dd hyphen:2d i:69 iacute:ed icircumflex:ee ' +
    'idieresis:ef igrave:ec infinity:221e integral:222b j:6a k:6b l:6c less:3c lessequal:2264 ' +
    'logicalnot:ac lozenge:25ca lslash:142 m:6d macron:af mu:b5 multiply:d7 n:6e nine:39 notequal:2260 ' +
    'ntilde:f1 numbersign:23 o:6f oacute:f3 ocircumflex:f4 odieresis:f6 oe:153 ogonek:2db ograve:f2 ' +
    'one:31 onehalf:bd onequarter:bc onesuperior:b9 ordfeminine:aa ordmasculine:ba oslash:f8 otilde:f5 ' +
    'p:70 paragraph:b6 parenleft:28 parenright:29 partialdiff:2202 percent:25 period:2e periodcentered:b7 ' +
    'perthousand:2030 pi:3c0 plus:2b plusminus:b1 product:220f q:71 question:3f questiondown:bf ' +
    'quotedbl:22 quotedblbase:201e quotedblleft:201c quotedblright:201d quoteleft:2018 quoteright:2019 ' +
    'quotesinglbase:201a quotesingle:27 r:72 radical:221a registered:ae ring:2da s:73 scaron:161 ' +
    'section:a7 semicolon:3b seven:37 six:36 slash:2f space:20 sterling:a3 summation:2211 t:74 thorn:fe ' +
    'three:33 threequarters:be threesuperior:b3 tilde:2dc trademark:2122 two:32 twosuperior:b2 u:75 ' +
    'uacute:fa ucircumflex:fb udieresis:fc ugrave:f9 underscore:5f v:76 w:77 x:78 y:79 yacute:fd ' +
    'ydieresis:ff yen:a5 z:7a zcaron:17e zero:30'
  )
    .split(' ')
    .map((entry): [string, number] => {
      const [name, hex] = entry.split(':');
      return [name!, parseInt(hex!, 16)];
    }),
);
