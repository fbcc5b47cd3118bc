// gl.h — the one OpenGL include for nnplay (gfx/ and platform/ include this,
// never a GL header directly).
//
//   web:     WebGL2 = OpenGL ES 3.0 (GLES3/gl3.h from Emscripten's sysroot)
//   desktop: OpenGL 3.3 core profile. Linux's libGL (glvnd) exports every core
//            entry point, so prototypes are enough: no loader library needed.
//
// Shaders in shaders/ are written once in the common subset of GLSL 3.30
// core and GLSL ES 3.00; gfx/shader.cpp prepends NNP_GLSL_HEADER.
#pragma once

#if defined(__EMSCRIPTEN__)
#include <GLES3/gl3.h>
#define NNP_GL_ES 1
#define NNP_GLSL_HEADER "#version 300 es\nprecision highp float;\nprecision highp int;\n"
#else
#ifndef GL_GLEXT_PROTOTYPES
#define GL_GLEXT_PROTOTYPES 1
#endif
#include <GL/gl.h>
#include <GL/glext.h>
#define NNP_GL_ES 0
#define NNP_GLSL_HEADER "#version 330 core\n"
#endif
