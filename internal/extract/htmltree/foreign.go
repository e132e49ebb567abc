package htmltree

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// foreignElement adds an SVG or MathML element in namespace ns ("svg" or
// "math"), with the camel-case names golang.org/x/net/html gives.
func (b *builder) foreignElement(a atom.Atom, name, ns string) {
	n := b.element(a, name, true)
	n.Namespace = ns
	k := kForeign
	switch ns {
	case "svg":
		switch name {
		case "foreignobject", "desc", "title":
			k |= kIntegration | kScope
		}
		if adj, ok := svgTagNames[name]; ok {
			n.Data, n.DataAtom = adj, atom.Lookup([]byte(adj))
		}
		adjustAttrs(n.Attr, svgAttrNames)
	case "math":
		switch name {
		case "mi", "mo", "mn", "ms", "mtext":
			k |= kIntegration | kScope
		case "annotation-xml":
			for _, at := range n.Attr {
				if at.Key == "encoding" && (asciiEqualFold(at.Val, "text/html") || asciiEqualFold(at.Val, "application/xhtml+xml")) {
					k |= kIntegration
				}
			}
		}
		adjustAttrs(n.Attr, mathAttrNames)
	}
	for i := range n.Attr {
		if at := &n.Attr[i]; at.Key != "" && at.Key[0] == 'x' {
			switch at.Key {
			case "xlink:actuate", "xlink:arcrole", "xlink:href", "xlink:role", "xlink:show",
				"xlink:title", "xlink:type", "xml:lang", "xml:space", "xmlns:xlink":
				j := strings.IndexByte(at.Key, ':')
				at.Namespace, at.Key = at.Key[:j], at.Key[j+1:]
			}
		}
	}
	b.place(n)
	if !b.lx.selfClosing {
		b.push(n, k)
	}
}

// breaksOut reports whether start tag a ends SVG or MathML content.
func (b *builder) breaksOut(a atom.Atom) bool {
	if kindOf(a)&kBreakout != 0 {
		return true
	}
	if a == atom.Font {
		for _, at := range b.lx.attrs {
			if at.Key == "color" || at.Key == "face" || at.Key == "size" {
				return true
			}
		}
	}
	return false
}

// popForeign closes SVG and MathML elements up to the nearest HTML
// element or integration point.
func (b *builder) popForeign() {
	for len(b.stack) > 1 {
		if t := b.top(); t.k&kForeign == 0 || t.k&kIntegration != 0 {
			return
		}
		b.popTo(len(b.stack) - 1)
	}
}

// foreignEnd closes the SVG or MathML element named by an end tag, if
// one is open above the nearest HTML element.
func (b *builder) foreignEnd(name string) bool {
	for i := len(b.stack) - 1; i > 0; i-- {
		e := &b.stack[i]
		if e.k&kForeign == 0 {
			return false
		}
		if asciiEqualFold(e.n.Data, name) {
			b.popTo(i)
			return true
		}
	}
	return false
}

func adjustAttrs(attrs []html.Attribute, names map[string]string) {
	for i := range attrs {
		if adj, ok := names[attrs[i].Key]; ok {
			attrs[i].Key = adj
		}
	}
}

// The camel-case SVG and MathML names, from the HTML standard's tables
// as golang.org/x/net/html keeps them.
var (
	svgTagNames = map[string]string{
		"altglyph":            "altGlyph",
		"altglyphdef":         "altGlyphDef",
		"altglyphitem":        "altGlyphItem",
		"animatecolor":        "animateColor",
		"animatemotion":       "animateMotion",
		"animatetransform":    "animateTransform",
		"clippath":            "clipPath",
		"feblend":             "feBlend",
		"fecolormatrix":       "feColorMatrix",
		"fecomponenttransfer": "feComponentTransfer",
		"fecomposite":         "feComposite",
		"feconvolvematrix":    "feConvolveMatrix",
		"fediffuselighting":   "feDiffuseLighting",
		"fedisplacementmap":   "feDisplacementMap",
		"fedistantlight":      "feDistantLight",
		"feflood":             "feFlood",
		"fefunca":             "feFuncA",
		"fefuncb":             "feFuncB",
		"fefuncg":             "feFuncG",
		"fefuncr":             "feFuncR",
		"fegaussianblur":      "feGaussianBlur",
		"feimage":             "feImage",
		"femerge":             "feMerge",
		"femergenode":         "feMergeNode",
		"femorphology":        "feMorphology",
		"feoffset":            "feOffset",
		"fepointlight":        "fePointLight",
		"fespecularlighting":  "feSpecularLighting",
		"fespotlight":         "feSpotLight",
		"fetile":              "feTile",
		"feturbulence":        "feTurbulence",
		"foreignobject":       "foreignObject",
		"glyphref":            "glyphRef",
		"lineargradient":      "linearGradient",
		"radialgradient":      "radialGradient",
		"textpath":            "textPath",
	}
	mathAttrNames = map[string]string{
		"definitionurl": "definitionURL",
	}
	svgAttrNames = map[string]string{
		"attributename":       "attributeName",
		"attributetype":       "attributeType",
		"basefrequency":       "baseFrequency",
		"baseprofile":         "baseProfile",
		"calcmode":            "calcMode",
		"clippathunits":       "clipPathUnits",
		"diffuseconstant":     "diffuseConstant",
		"edgemode":            "edgeMode",
		"filterunits":         "filterUnits",
		"glyphref":            "glyphRef",
		"gradienttransform":   "gradientTransform",
		"gradientunits":       "gradientUnits",
		"kernelmatrix":        "kernelMatrix",
		"kernelunitlength":    "kernelUnitLength",
		"keypoints":           "keyPoints",
		"keysplines":          "keySplines",
		"keytimes":            "keyTimes",
		"lengthadjust":        "lengthAdjust",
		"limitingconeangle":   "limitingConeAngle",
		"markerheight":        "markerHeight",
		"markerunits":         "markerUnits",
		"markerwidth":         "markerWidth",
		"maskcontentunits":    "maskContentUnits",
		"maskunits":           "maskUnits",
		"numoctaves":          "numOctaves",
		"pathlength":          "pathLength",
		"patterncontentunits": "patternContentUnits",
		"patterntransform":    "patternTransform",
		"patternunits":        "patternUnits",
		"pointsatx":           "pointsAtX",
		"pointsaty":           "pointsAtY",
		"pointsatz":           "pointsAtZ",
		"preservealpha":       "preserveAlpha",
		"preserveaspectratio": "preserveAspectRatio",
		"primitiveunits":      "primitiveUnits",
		"refx":                "refX",
		"refy":                "refY",
		"repeatcount":         "repeatCount",
		"repeatdur":           "repeatDur",
		"requiredextensions":  "requiredExtensions",
		"requiredfeatures":    "requiredFeatures",
		"specularconstant":    "specularConstant",
		"specularexponent":    "specularExponent",
		"spreadmethod":        "spreadMethod",
		"startoffset":         "startOffset",
		"stddeviation":        "stdDeviation",
		"stitchtiles":         "stitchTiles",
		"surfacescale":        "surfaceScale",
		"systemlanguage":      "systemLanguage",
		"tablevalues":         "tableValues",
		"targetx":             "targetX",
		"targety":             "targetY",
		"textlength":          "textLength",
		"viewbox":             "viewBox",
		"viewtarget":          "viewTarget",
		"xchannelselector":    "xChannelSelector",
		"ychannelselector":    "yChannelSelector",
		"zoomandpan":          "zoomAndPan",
	}
)
