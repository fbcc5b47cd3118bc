// boundary.frag.glsl — colours the decision-boundary heatmap like TensorFlow
// Playground: the network's score s = P(class 1) in [0, 1], sampled from a
// small grid texture with bilinear filtering, goes from orange (class 0, s = 0)
// through near-white (s = 0.5) to blue (class 1, s = 1). A thin dark line marks
// the decision boundary s = 0.5 (width from screen-space derivatives, so it
// stays one to two pixels wide at any size, and only where s changes).
//
//   u_scores      R channel = score - 0.5 (centred: half floats are precise
//                 near 0, so the boundary stays exact); texel (i, j) is the
//                 grid point (x_i, y_j), row 0 at the bottom (y = -6)
//   u_discretize  1: show only the predicted class (s rounded to 0 or 1)
//   u_line        strength of the boundary line (0 when the scores hardly vary)
in vec2 v_uv;
out vec4 frag_color;

uniform sampler2D u_scores;
uniform float u_discretize;
uniform float u_line;  // 0..1: strength of the P = 0.5 line

const vec3 kOrange = vec3(0.961, 0.576, 0.133);  // #f59322, Playground's class -1
const vec3 kBlue = vec3(0.031, 0.467, 0.741);    // #0877bd, Playground's class +1
const vec3 kMid = vec3(0.93, 0.93, 0.93);

void main() {
  float d = texture(u_scores, v_uv).r;  // score - 0.5
  float s = clamp(d + 0.5, 0.0, 1.0);
  float c = u_discretize > 0.5 ? step(0.5, s) : s;
  float t = c * 2.0 - 1.0;  // -1 (orange) .. +1 (blue)
  vec3 col = t < 0.0 ? mix(kMid, kOrange, -t) : mix(kMid, kBlue, t);
  col = mix(vec3(1.0), col, 0.75);  // lighter, so the data points stand out
  // The line fades out where the score is nearly flat (e.g. a ReLU net whose
  // units are mostly dead sits near 0.5 over whole regions): there a contour
  // is an accident of tiny slopes, not a boundary. Full strength from a
  // change of 0.5 per 100 pixels; u_line scales it for the whole picture.
  float w = fwidth(d);
  float line = (1.0 - smoothstep(0.5 * w, 1.5 * w, abs(d))) * smoothstep(1e-3, 5e-3, w) * u_line;
  col = mix(col, vec3(0.25), 0.7 * line);
  frag_color = vec4(col, 1.0);
}
