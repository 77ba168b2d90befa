// Every route the server registers, in the OpenAPI path syntax. The server registers exactly
// these (Server.cpp fails at start when a route lacks a handler), and a unit test checks that
// docs/openapi.yaml lists exactly these.
#pragma once

#include <array>
#include <string_view>

namespace zr::service {

struct Route {
  std::string_view method;  // "GET" or "POST"
  std::string_view path;    // e.g. "/v1/units/{code}"
};

inline constexpr std::array kRoutes = {
    Route{"POST", "/v1/screen"},  // first: the hot path is matched before the others
    Route{"GET", "/healthz"},
    Route{"GET", "/metrics"},
    Route{"GET", "/v1/units"},
    Route{"GET", "/v1/units/{code}"},
    Route{"GET", "/v1/rules/{id}"},
    Route{"GET", "/v1/lists"},
    Route{"GET", "/v1/lists/{jurisdiction}/versions"},
    Route{"GET", "/v1/lists/{jurisdiction}/diff"},
    Route{"POST", "/v1/filings"},
    Route{"GET", "/v1/filings/{id}"},
};

}  // namespace zr::service
